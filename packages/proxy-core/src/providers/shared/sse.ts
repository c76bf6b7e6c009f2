/** One Server-Sent Event: `event:` name (when present) and the joined `data:` lines. */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
}

/**
 * An incremental SSE parser (WHATWG rules: `\n`, `\r\n` or `\r` line ends, multi-line `data:`,
 * `:` comments, optional space after the colon). Bytes go in as they arrive, split anywhere — even
 * inside a UTF-8 sequence or a CRLF — and complete events come out; nothing waits for the stream's end.
 */
export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private eventName: string | undefined;
  private dataLines: string[] = [];
  /** A chunk ended on `\r`: a `\n` starting the next chunk belongs to the same line end. */
  private skipLeadingLf = false;

  push(chunk: Uint8Array): SseEvent[] {
    return this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** Flushes a final event that had no trailing blank line. */
  end(): SseEvent[] {
    const events = this.feed(this.decoder.decode());
    if (this.buffer !== '') {
      this.line(this.buffer, events);
      this.buffer = '';
    }
    this.dispatch(events);
    return events;
  }

  private feed(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let input = text;
    if (this.skipLeadingLf && input.startsWith('\n')) input = input.slice(1);
    this.skipLeadingLf = false;
    this.buffer += input;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i += 1) {
      const char = this.buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      this.line(this.buffer.slice(start, i), events);
      if (char === '\r') {
        if (i + 1 === this.buffer.length) this.skipLeadingLf = true;
        else if (this.buffer[i + 1] === '\n') i += 1;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines.length > 0) {
      const data = this.dataLines.join('\n');
      events.push(this.eventName === undefined ? { data } : { event: this.eventName, data });
    }
    this.dataLines = [];
    this.eventName = undefined;
  }
}

/** Reads a response body as SSE events, one network chunk at a time. */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}
