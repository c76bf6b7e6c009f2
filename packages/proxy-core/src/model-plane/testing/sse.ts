/** Parses an SSE body into frames; comments (`: keep-alive`) are kept as `{comment}`. */
export interface SseFrame {
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

export function parseSse(text: string): SseFrame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const frame: { event?: string; data?: string; comment?: string } = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        else if (line.startsWith('event: ')) frame.event = line.slice('event: '.length);
        else if (line.startsWith('data: ')) frame.data = line.slice('data: '.length);
      }
      return frame;
    });
}

/** The JSON payloads of all data frames except `[DONE]`. */
export function jsonData(frames: readonly SseFrame[]): Record<string, unknown>[] {
  return frames
    .filter((frame) => frame.data !== undefined && frame.data !== '[DONE]')
    .map((frame) => JSON.parse(frame.data ?? '') as Record<string, unknown>);
}

/** The text a streamed Chat Completions answer spells out: every chunk's first-choice `delta.content`, joined. */
export function chatStreamText(body: string): string {
  return jsonData(parseSse(body))
    .map(
      (chunk) =>
        (chunk['choices'] as { delta?: { content?: string } }[] | undefined)?.[0]?.delta?.content ?? '',
    )
    .join('');
}

/** The annotations a streamed Chat Completions answer carries: every chunk's first-choice `delta.annotations`. */
export function chatStreamAnnotations(body: string): unknown[] {
  return jsonData(parseSse(body)).flatMap(
    (chunk) =>
      (chunk['choices'] as { delta?: { annotations?: unknown[] } }[] | undefined)?.[0]?.delta?.annotations ??
      [],
  );
}

export async function postSse(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; frames: SseFrame[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, frames: parseSse(await response.text()) };
}

/** Reads a nested field of an untyped JSON body (supertest's `body` is `any`), e.g. at(body, 'choices', 0). */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
