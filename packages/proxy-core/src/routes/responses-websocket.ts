import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { ResponsesWsSession } from '../model-plane/responses-ws-session.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';
import type { UpgradeBridge } from '../model-plane/upgrade-bridge.ts';
import { RESPONSES_ROUTE } from './responses.ts';

/** Open WebSocket-mode sessions of one plane, so shutdown can close them. */
export type SessionSet = Set<ResponsesWsSession>;

/**
 * GET /v1/responses: WebSocket mode. The upgrade arrives through fastify routing (see UpgradeBridge),
 * so the shell's hooks have already accepted it; a plain GET without upgrade gets 426, which Codex
 * reads as "use HTTP".
 */
export function registerResponsesWebSocket(
  app: FastifyInstance,
  runtime: PlaneRuntime,
  bridge: UpgradeBridge,
  sessions: SessionSet,
): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: runtime.config.websocket.maxMessageBytes });
  app.get(RESPONSES_ROUTE, (request, reply) => {
    const upgrade = bridge.take(request.raw);
    if (upgrade === undefined) {
      void reply.header('upgrade', 'websocket').header('sec-websocket-version', '13');
      throw new ApiError({
        ...catalogued('upgrade_required'),
        message:
          'GET /v1/responses is the WebSocket mode endpoint: upgrade the connection, or POST /v1/responses over HTTP.',
      });
    }
    reply.hijack();
    wss.handleUpgrade(request.raw, upgrade.socket, upgrade.head, (ws) => {
      const session = new ResponsesWsSession(ws, runtime, request);
      sessions.add(session);
      ws.on('close', () => sessions.delete(session));
    });
  });
}
