/**
 * Sends one generated case to the proxy and judges the answer: never a 5xx; a 4xx in the route's error
 * dialect; a 2xx for every valid request (JSON or a complete SSE stream); on the WebSocket, error frames
 * with a 4xx status in the OpenAI shape, valid turns completed, and never a 1011 close.
 */
import { dialectOf, errorShapeProblem, parseJson } from './dialect-shapes.ts';
import type { FuzzCase, HttpCase, WsCase, WsFrame } from './fuzz-cases.ts';

export interface FuzzTarget {
  readonly url: string;
  readonly clientKey: string;
}

const REQUEST_TIMEOUT_MS = 15_000;

/** A case's answer judged: undefined when it holds, else what went wrong (with the status). */
export type Verdict = string | undefined;

function authHeaders(fuzz: HttpCase, key: string): Record<string, string> {
  if (fuzz.auth === 'none') return {};
  return { authorization: `Bearer ${fuzz.auth === 'right' ? key : `${key.slice(0, -1)}#`}` };
}

/**
 * The one documented 5xx a client can cause: POST /message with a capability label the control plane
 * does not implement is 501 `unsupported_capability` (docs/control-plane.md). Not a server fault.
 */
function documentedNotImplemented(fuzz: HttpCase, status: number, text: string): boolean {
  if (fuzz.route !== '/message' || status !== 501) return false;
  const body = parseJson(text) as { error?: { code?: unknown } } | undefined;
  return body?.error?.code === 'unsupported_capability';
}

async function runHttp(target: FuzzTarget, fuzz: HttpCase): Promise<Verdict> {
  const headers: Record<string, string> = authHeaders(fuzz, target.clientKey);
  if (fuzz.contentType !== undefined) headers['content-type'] = fuzz.contentType;
  if (fuzz.idempotencyKey !== undefined) headers['idempotency-key'] = fuzz.idempotencyKey;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${target.url}${fuzz.route}`, {
      method: 'POST',
      headers,
      // Bytes, so fetch adds no content type of its own.
      body: fuzz.rawBody ?? Buffer.from(fuzz.body, 'utf8'),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    return `no answer: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  const { status } = response;
  const type = response.headers.get('content-type') ?? '';
  if (status >= 500 && !documentedNotImplemented(fuzz, status, text))
    return `${status} ${text.slice(0, 300)}`;
  if (fuzz.valid && (status < 200 || status > 299))
    return `valid request answered ${status}: ${text.slice(0, 300)}`;
  if (status >= 200 && status <= 299) {
    if (type.startsWith('text/event-stream')) {
      return text.includes('data:') ? undefined : `${status} SSE without a single data frame`;
    }
    return parseJson(text) === undefined
      ? `${status} with a body that is not JSON: ${text.slice(0, 200)}`
      : undefined;
  }
  const problem = errorShapeProblem(dialectOf(fuzz.route), parseJson(text));
  return problem === undefined
    ? undefined
    : `${status} not in the ${dialectOf(fuzz.route)} error shape (${problem}): ${text.slice(0, 300)}`;
}

const TERMINAL = new Set(['error', 'response.completed', 'response.failed', 'response.incomplete']);

interface Frame {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly error?: unknown;
}

/** A WebSocket whose messages and close are queued, every wait bounded. */
class WsProbe {
  private readonly socket: WebSocket;
  private readonly queue: Frame[] = [];
  private wake: (() => void) | undefined;
  closeCode: number | undefined;
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.addEventListener('message', (event) => {
      this.queue.push(parseJson(String(event.data)) ?? { type: 'not-json' });
      this.wake?.();
    });
    this.socket.addEventListener('close', (event) => {
      this.closeCode = event.code;
      this.wake?.();
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve());
      this.socket.addEventListener('error', () => reject(new Error('the WebSocket did not open')));
    });
  }

  send(frame: WsFrame): void {
    this.socket.send(frame.bytes ?? frame.text ?? '');
  }

  /** The frames up to and including the next terminal one; stops early on close. */
  async turn(timeoutMs: number): Promise<Frame[]> {
    const frames: Frame[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const next = this.queue.shift();
      if (next !== undefined) {
        frames.push(next);
        if (typeof next.type === 'string' && TERMINAL.has(next.type)) return frames;
        continue;
      }
      if (this.closeCode !== undefined) return frames;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no terminal WebSocket frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

function judgeTurn(frame: WsFrame, frames: readonly Frame[], closeCode: number | undefined): Verdict {
  const last = frames.at(-1);
  if (last === undefined) {
    // A frame over the size limit is closed with 1009 by design; any other close before an answer is not.
    return closeCode === 1009 ? undefined : `closed with ${closeCode ?? '?'} before answering`;
  }
  if (last.type === 'error') {
    const status = typeof last.status === 'number' ? last.status : 0;
    if (status >= 500 || status < 400)
      return `error frame with status ${String(last.status)}: ${JSON.stringify(last).slice(0, 300)}`;
    const problem = errorShapeProblem('openai', { error: last.error });
    if (problem !== undefined) return `error frame not in the OpenAI shape (${problem})`;
  }
  if (frame.valid && last.type !== 'response.completed')
    return `valid response.create ended with ${String(last.type)}`;
  return undefined;
}

async function runWs(target: FuzzTarget, fuzz: WsCase): Promise<Verdict> {
  const url = `${target.url.replace(/^http/, 'ws')}/v1/responses?key=${encodeURIComponent(target.clientKey)}`;
  const probe = new WsProbe(url);
  try {
    await probe.opened;
    for (const frame of fuzz.frames) {
      probe.send(frame);
      const frames = await probe.turn(REQUEST_TIMEOUT_MS);
      const verdict = judgeTurn(frame, frames, probe.closeCode);
      if (verdict !== undefined) return verdict;
      if (probe.closeCode !== undefined) return undefined;
    }
    return undefined;
  } catch (error) {
    return `WebSocket: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    probe.close();
  }
}

export function runCase(target: FuzzTarget, fuzz: FuzzCase): Promise<Verdict> {
  return fuzz.kind === 'http' ? runHttp(target, fuzz) : runWs(target, fuzz);
}
