/** A minimal incremental SSE client: the scenarios must act (add a toxic, abort) while a stream is open. */

export interface SseFrame {
  /** The `event:` line, when the dialect names its events (Responses, Anthropic). */
  readonly event: string | undefined;
  readonly data: string;
}

export interface SseStream {
  readonly response: Response;
  /** The next frame, or undefined once the stream ended (cleanly or not: a cut socket ends it too). */
  next(): Promise<SseFrame | undefined>;
}

function parseFrame(block: string): SseFrame | undefined {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  // Comment-only blocks (`: keep-alive`) carry no event.
  return data.length === 0 ? undefined : { event, data: data.join('\n') };
}

export async function openSse(url: string, body: unknown, signal?: AbortSignal): Promise<SseStream> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
  // Created on the first read, so a non-stream answer (an HTTP error) can still be read with `response.json()`.
  let reader: ReadableStreamDefaultReader<string> | undefined;
  let buffer = '';
  let ended = response.body === null;
  return {
    response,
    async next() {
      for (;;) {
        const boundary = buffer.indexOf('\n\n');
        if (boundary !== -1) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const frame = parseFrame(block.replaceAll('\r', ''));
          if (frame !== undefined) return frame;
          continue;
        }
        if (ended || response.body === null) return undefined;
        reader ??= response.body.pipeThrough(new TextDecoderStream()).getReader();
        try {
          const { done, value } = await reader.read();
          if (done) ended = true;
          else buffer += value;
        } catch {
          // A reset or aborted socket: the frames read so far are what the client got.
          ended = true;
        }
      }
    },
  };
}

/** Reads frames until `stop` matches (included) or the stream ends; the frame count is bounded. */
export async function readUntil(
  stream: SseStream,
  stop: (frame: SseFrame) => boolean,
  maxFrames = 500,
): Promise<SseFrame[]> {
  const frames: SseFrame[] = [];
  for (let i = 0; i < maxFrames; i += 1) {
    const frame = await stream.next();
    if (frame === undefined) return frames;
    frames.push(frame);
    if (stop(frame)) return frames;
  }
  throw new Error(`stream still open after ${maxFrames} frames`);
}

export const readToEnd = (stream: SseStream): Promise<SseFrame[]> => readUntil(stream, () => false);
