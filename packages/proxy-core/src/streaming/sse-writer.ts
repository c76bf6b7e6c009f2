import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { formatSse, SSE_COMMENT_HEARTBEAT, type OutboundEvent } from './outbound.ts';

export interface SseWriterOptions {
  /** Keep-alive after this much silence, in milliseconds; 0 disables. */
  readonly heartbeatIntervalMs: number;
  readonly heartbeat?: () => OutboundEvent;
}

/**
 * Writes SSE frames to a raw response. `write` waits for 'drain' when the socket buffer is full, so a
 * slow client slows the upstream read instead of growing memory; while nothing is written for
 * `heartbeatIntervalMs`, a keep-alive goes out so proxies and clients do not time the stream out.
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
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...extraHeaders,
    });
    this.res.flushHeaders();
    this.armHeartbeat();
  }

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Resolves false when the client is gone. */
  async send(event: OutboundEvent): Promise<boolean> {
    return this.writeRaw(formatSse(event));
  }

  end(): void {
    clearTimeout(this.timer);
    if (!this.closed) this.res.end();
  }

  private async writeRaw(text: string): Promise<boolean> {
    if (this.closed) return false;
    this.armHeartbeat();
    if (!this.res.write(text)) {
      await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
    }
    return !this.closed;
  }

  private armHeartbeat(): void {
    clearTimeout(this.timer);
    if (this.options.heartbeatIntervalMs <= 0) return;
    this.timer = setTimeout(() => {
      const beat = this.options.heartbeat?.();
      void this.writeRaw(beat === undefined ? SSE_COMMENT_HEARTBEAT : formatSse(beat));
    }, this.options.heartbeatIntervalMs);
    this.timer.unref();
  }
}
