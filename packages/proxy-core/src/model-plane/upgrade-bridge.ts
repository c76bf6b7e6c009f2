import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';

export interface PendingUpgrade {
  readonly socket: Duplex;
  readonly head: Buffer;
}

/**
 * Routes WebSocket upgrade requests through fastify like any other request, so the shell's onRequest
 * hooks (auth, Origin, Host) run and can reject an upgrade with a normal HTTP error. The route handler
 * then `take`s the socket and completes the handshake; when nobody takes it, the socket is closed once
 * the HTTP answer is written.
 */
export class UpgradeBridge {
  private readonly pending = new WeakMap<IncomingMessage, PendingUpgrade>();

  attach(app: FastifyInstance): void {
    app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Node hands an upgrade socket over with no error listener: a client that resets it while we
      // answer (a refused upgrade's 401, say) would otherwise crash the process with an uncaught error.
      socket.on('error', () => socket.destroy());
      this.pending.set(request, { socket, head });
      const response = new ServerResponse(request);
      response.shouldKeepAlive = false;
      response.assignSocket(socket as Socket);
      response.on('finish', () => {
        if (this.pending.has(request)) {
          this.pending.delete(request);
          socket.end();
        }
      });
      app.routing(request, response);
    });
  }

  /** The socket of an upgrade request, once; undefined for a plain HTTP request. */
  take(request: IncomingMessage): PendingUpgrade | undefined {
    const upgrade = this.pending.get(request);
    this.pending.delete(request);
    return upgrade;
  }
}
