import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { formatSse, SSE_COMMENT_HEARTBEAT, type OutboundEvent } from './outbound.ts';

export interface SseWriterOptions {
  /** Keep-alive after this much silence, in milliseconds; 0 disables. */
  readonly heartbeatIntervalMs: number;
  /** A dialect's own keep-alive event (e.g. Anthropic `ping`); an SSE comment when absent. */
  readonly heartbeat?: () => OutboundEvent;
  /** The comment frame sent as keep-alive when `heartbeat` is absent. */
  readonly heartbeatComment?: string;
  /**
   * End the connection with the stream (`connection: close`, socket destroyed after the last byte). For
   * hijacked long-lived streams: node's idle-connection tracking no longer sees their socket, so a
   * socket left in the keep-alive pool would hold up `server.close()`.
   */
  readonly closeConnectionOnEnd?: boolean;
}

/**
 * Writes SSE frames to a raw response. A write waits for 'drain' when the socket buffer is full, so a
 * slow client slows the producer instead of growing memory; while nothing is written for
 * `heartbeatIntervalMs`, a keep-alive goes out so proxies and clients do not time the stream out.
 * One writer serves the model plane's streams and the control plane's `/events`.
 */
export class SseWriter {
  private readonly res: ServerResponse;
  private readonly options: SseWriterOptions;
  private timer: NodeJS.Timeout | undefined;

  constructor(res: ServerResponse, options: SseWriterOptions) {
    this.res = res;
    this.options = options;
  }

  open(extraHeaders: Readonly<Record<string, string>> = {}): void {
    this.res.writeHead(200, {
      ...extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: this.options.closeConnectionOnEnd === true ? 'close' : 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.flushHeaders();
    this.startHeartbeat();
  }

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Resolves false when the client is gone. */
  async send(event: OutboundEvent): Promise<boolean> {
    return this.sendFrame(formatSse(event));
  }

  /** Writes one already-formatted frame (e.g. with an `id:` line); resolves false when the client is gone. */
  async sendFrame(frame: string): Promise<boolean> {
    if (this.closed) return false;
    // Re-arming the one timer is cheap (no new timer per frame on the hot path).
    this.timer?.refresh();
    if (!this.res.write(frame)) {
      await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
    }
    return !this.closed;
  }

  end(): void {
    clearTimeout(this.timer);
    if (this.options.closeConnectionOnEnd !== true) {
      if (!this.closed) this.res.end();
      return;
    }
    const socket = this.res.socket;
    if (this.closed) socket?.destroy();
    else this.res.end(() => socket?.destroy());
  }

  private startHeartbeat(): void {
    const { heartbeatIntervalMs, heartbeat, heartbeatComment } = this.options;
    if (heartbeatIntervalMs <= 0) return;
    const comment = heartbeatComment === undefined ? SSE_COMMENT_HEARTBEAT : `: ${heartbeatComment}\n\n`;
    this.timer = setInterval(() => {
      const beat = heartbeat?.();
      void this.sendFrame(beat === undefined ? comment : formatSse(beat));
    }, heartbeatIntervalMs);
    this.timer.unref();
  }
}
