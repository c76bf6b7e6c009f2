/**
 * SSE frames for `/events`: every event carries `id:` (the session's event id, stable across restarts) so a
 * reconnecting client's `Last-Event-ID` says exactly what it has seen. Heartbeats are SSE comments, which
 * are not events and so carry no id. Writes wait for 'drain', so a slow client cannot grow server memory.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

export const HEARTBEAT_FRAME = ': heartbeat\n\n';

export function eventFrame(id: number, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class EventStreamWriter {
  readonly #res: ServerResponse;
  readonly #heartbeatIntervalMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(res: ServerResponse, heartbeatIntervalMs: number) {
    this.#res = res;
    this.#heartbeatIntervalMs = heartbeatIntervalMs;
  }

  get closed(): boolean {
    return this.#res.destroyed || this.#res.writableEnded;
  }

  open(extraHeaders: Readonly<Record<string, string>>): void {
    this.#res.writeHead(200, {
      ...extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // The connection ends with the stream: a hijacked socket left in a keep-alive pool would hold up
      // server shutdown, and an event stream is long-lived enough that reuse saves nothing.
      connection: 'close',
      'x-accel-buffering': 'no',
    });
    this.#res.flushHeaders();
    this.#armHeartbeat();
  }

  /** Resolves false once the client is gone. */
  async write(frame: string): Promise<boolean> {
    if (this.closed) return false;
    this.#armHeartbeat();
    if (!this.#res.write(frame)) {
      await Promise.race([once(this.#res, 'drain'), once(this.#res, 'close')]);
    }
    return !this.closed;
  }

  /**
   * Ends the stream and its connection. The response was taken over from fastify (hijacked), so node's
   * idle-connection tracking no longer sees the socket; left open, it would hold `server.close()` up.
   */
  end(): void {
    clearTimeout(this.#timer);
    const socket = this.#res.socket;
    if (this.closed) socket?.destroy();
    else this.#res.end(() => socket?.destroy());
  }

  #armHeartbeat(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.write(HEARTBEAT_FRAME), this.#heartbeatIntervalMs);
    this.#timer.unref();
  }
}
