import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { SSE_FRAMING, type OutboundEvent, type StreamFraming } from './outbound.ts';

export interface StreamWriterOptions {
  /** Keep-alive after this much silence, in milliseconds; 0 disables. */
  readonly heartbeatIntervalMs: number;
  /** A dialect's own keep-alive event (e.g. Anthropic `ping`); an SSE comment when absent. */
  readonly heartbeat?: () => OutboundEvent;
  /** The SSE comment sent as keep-alive when `heartbeat` is absent (instead of the framing's keep-alive). */
  readonly heartbeatComment?: string;
  /** How events are laid out in the body; SSE when absent. */
  readonly framing?: StreamFraming;
  /**
   * End the connection with the stream (`connection: close`, socket destroyed after the last byte). For
   * hijacked long-lived streams: node's idle-connection tracking no longer sees their socket, so a
   * socket left in the keep-alive pool would hold up `server.close()`.
   */
  readonly closeConnectionOnEnd?: boolean;
}

/**
 * Writes a stream's events to a raw response, SSE frames unless the framing says otherwise. A write waits for
 * 'drain' when the socket buffer is full, so a slow client slows the producer instead of growing memory; while
 * nothing is written for `heartbeatIntervalMs`, a keep-alive goes out so proxies and clients do not time the
 * stream out. One writer serves the model plane's streams and the control plane's `/events`.
 */
export class StreamWriter {
  private readonly res: ServerResponse;
  private readonly options: StreamWriterOptions;
  private readonly framing: StreamFraming;
  private timer: NodeJS.Timeout | undefined;
  private framesSent = 0;

  constructor(res: ServerResponse, options: StreamWriterOptions) {
    this.res = res;
    this.options = options;
    this.framing = options.framing ?? SSE_FRAMING;
  }

  open(extraHeaders: Readonly<Record<string, string>> = {}): void {
    this.res.writeHead(200, {
      ...extraHeaders,
      'content-type': this.framing.contentType,
      'cache-control': 'no-cache',
      connection: this.options.closeConnectionOnEnd === true ? 'close' : 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.flushHeaders();
    if (this.framing.opening !== '') this.res.write(this.framing.opening);
    this.startHeartbeat();
  }

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Resolves false when the client is gone. */
  async send(event: OutboundEvent): Promise<boolean> {
    return this.sendFrame(this.frame(event));
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
    const { closing } = this.framing;
    if (this.options.closeConnectionOnEnd !== true) {
      if (!this.closed) this.res.end(closing);
      return;
    }
    const socket = this.res.socket;
    if (this.closed) socket?.destroy();
    else this.res.end(closing, () => socket?.destroy());
  }

  private frame(event: OutboundEvent): string {
    const first = this.framesSent === 0;
    this.framesSent += 1;
    return this.framing.frame(event, first);
  }

  private startHeartbeat(): void {
    const { heartbeatIntervalMs, heartbeat, heartbeatComment } = this.options;
    if (heartbeatIntervalMs <= 0) return;
    const keepAlive = heartbeatComment === undefined ? this.framing.keepAlive : `: ${heartbeatComment}\n\n`;
    this.timer = setInterval(() => {
      const beat = heartbeat?.();
      void this.sendFrame(beat === undefined ? keepAlive : this.frame(beat));
    }, heartbeatIntervalMs);
    this.timer.unref();
  }
}
