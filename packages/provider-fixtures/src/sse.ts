/** One Server-Sent Events frame: an optional `event:` name and one `data:` payload. */
export interface SseFrame {
  readonly event?: string;
  readonly data: string;
}

/**
 * Serialises a frame. Gemini terminates frames with CRLF (clients splitting on `\n\n` only are a known
 * bug class), the other providers with LF.
 */
export function formatSseFrame(frame: SseFrame, lineEnd: '\n' | '\r\n' = '\n'): string {
  const eventLine = frame.event === undefined ? '' : `event: ${frame.event}${lineEnd}`;
  return `${eventLine}data: ${frame.data}${lineEnd}${lineEnd}`;
}

export function jsonFrame(payload: unknown, event?: string): SseFrame {
  const data = JSON.stringify(payload);
  return event === undefined ? { data } : { event, data };
}

/** Parses an SSE body into frames (LF or CRLF; multi-line `data:` joined by LF; comments skipped). */
export function parseSseFrames(text: string): SseFrame[] {
  const frames: SseFrame[] = [];
  for (const block of text.replaceAll('\r\n', '\n').split('\n\n')) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
      else if (line.startsWith('data:')) data.push(line.slice('data:'.length).replace(/^ /, ''));
    }
    if (data.length > 0)
      frames.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  return frames;
}
