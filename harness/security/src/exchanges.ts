/**
 * What a client saw of one exchange, kept whole (status, every header, the full body or every SSE frame or
 * WebSocket frame) so a scan can look for secrets in all of it afterwards.
 */
export interface Seen {
  readonly label: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** Everything of one `Seen` as text, for scanning. */
export function asText(seen: Seen): string {
  const headers = Object.entries(seen.headers).map(([name, value]) => `${name}: ${value}`);
  return [String(seen.status), ...headers, seen.text].join('\n');
}

export async function exchange(label: string, url: string, init: RequestInit = {}): Promise<Seen> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  return {
    label,
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    text: await response.text(),
  };
}

/** Reads an SSE endpoint until it ends or `waitMs` passed (then it is cut; what arrived is kept). */
export async function readStream(
  label: string,
  url: string,
  init: RequestInit,
  waitMs: number,
): Promise<Seen> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), waitMs);
  let text = '';
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    const headers = Object.fromEntries(response.headers.entries());
    const decoder = new TextDecoder();
    try {
      if (response.body !== null) {
        for await (const chunk of response.body)
          text += decoder.decode(chunk as Uint8Array, { stream: true });
      }
    } catch {
      // cut by the timer: keep what arrived
    }
    return { label, status: response.status, headers, text };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One Responses WebSocket turn: open, send `frame`, collect every message up to a terminal event
 * (`error`, `response.completed`, `response.failed`, `response.incomplete`) or the close; bounded.
 */
export async function wsTurn(label: string, url: string, frame: unknown, waitMs: number): Promise<Seen> {
  const socket = new WebSocket(url);
  const frames: string[] = [];
  let status = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${label}: no WebSocket terminal frame in ${waitMs} ms`)),
        waitMs,
      );
      socket.addEventListener('open', () => socket.send(JSON.stringify(frame)));
      socket.addEventListener('message', (event) => {
        const text = String(event.data);
        frames.push(text);
        const parsed = JSON.parse(text) as { type?: string; status?: number };
        if (parsed.type === 'error') status = parsed.status ?? 0;
        if (
          ['error', 'response.completed', 'response.failed', 'response.incomplete'].includes(
            parsed.type ?? '',
          )
        ) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.addEventListener('close', (event) => {
        clearTimeout(timer);
        frames.push(`close ${event.code} ${event.reason}`);
        resolve();
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error(`${label}: WebSocket failed`));
      });
    });
  } finally {
    socket.close();
  }
  return { label, status, headers: {}, text: frames.join('\n') };
}
