import type { StreamPart } from '../canonical/stream-part.ts';

/** One event for the client: an SSE frame over HTTP, one JSON text message over WebSocket. */
export interface OutboundEvent {
  /** SSE `event:` name; absent for chat completions, which only use `data:` lines. */
  readonly event?: string;
  /** JSON-serialised into `data:`; a string is sent verbatim (chat's `[DONE]`). */
  readonly data: unknown;
}

/**
 * A dialect's incremental stream encoder: one canonical part in, zero or more client events out,
 * never buffering the stream. The input is normalised (streaming/stream-normaliser.ts: one part open at a time,
 * opened before its deltas, one terminal part last), so encoders map and check nothing.
 */
export interface StreamEncoder {
  encode(part: StreamPart): readonly OutboundEvent[];
  /** A dialect-native keep-alive (Anthropic `ping`); without one, an SSE comment is sent. */
  heartbeat?(): OutboundEvent;
}

export function formatSse(event: OutboundEvent): string {
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  return event.event === undefined ? `data: ${data}\n\n` : `event: ${event.event}\ndata: ${data}\n\n`;
}

export const SSE_COMMENT_HEARTBEAT = ': keep-alive\n\n';

/**
 * How a stream's events are laid out in the HTTP body: SSE frames for every dialect, and Google's JSON array for
 * a Gemini client that did not ask for `alt=sse`. The writer applies it; encoders know nothing of it.
 */
export interface StreamFraming {
  readonly contentType: string;
  /** Sent right after the headers. */
  readonly opening: string;
  /** One event's bytes; `first` for the body's first event. */
  frame(event: OutboundEvent, first: boolean): string;
  /** Sent when the stream ends, however it ends. */
  readonly closing: string;
  /** The keep-alive sent after silence when the dialect has no keep-alive event; valid between any two frames. */
  readonly keepAlive: string;
}

export const SSE_FRAMING: StreamFraming = {
  contentType: 'text/event-stream; charset=utf-8',
  opening: '',
  frame: formatSse,
  closing: '',
  keepAlive: SSE_COMMENT_HEARTBEAT,
};
