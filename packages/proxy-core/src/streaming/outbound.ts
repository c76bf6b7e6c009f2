import type { CanonicalStreamEvent } from '../canonical/stream-event.ts';

/** One event for the client: an SSE frame over HTTP, one JSON text message over WebSocket. */
export interface OutboundEvent {
  /** SSE `event:` name; absent for chat completions, which only use `data:` lines. */
  readonly event?: string;
  /** JSON-serialised into `data:`; a string is sent verbatim (chat's `[DONE]`). */
  readonly data: unknown;
}

/**
 * A dialect's incremental stream encoder: one canonical event in, zero or more client events out,
 * never buffering the stream. The input is well formed (see ModelCall), so encoders need no
 * truncation logic of their own.
 */
export interface StreamEncoder {
  encode(event: CanonicalStreamEvent): readonly OutboundEvent[];
  /** A dialect-native keep-alive (Anthropic `ping`); without one, an SSE comment is sent. */
  heartbeat?(): OutboundEvent;
}

export function formatSse(event: OutboundEvent): string {
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  return event.event === undefined ? `data: ${data}\n\n` : `event: ${event.event}\ndata: ${data}\n\n`;
}

export const SSE_COMMENT_HEARTBEAT = ': keep-alive\n\n';
