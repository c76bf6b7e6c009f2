import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/**
 * The one upstream HTTP path: a POST over node:http(s) with a shared keep-alive agent per scheme.
 *
 * Why not the global fetch: relaying SSE streams, a bare hop over undici's fetch (WHATWG streams, a promise per
 * chunk, abort listeners) used ~1.7x the CPU of the same hop over node:http (docs/performance.md has the
 * figures). node:http hands body chunks over as Node stream events, and MSW's interceptors (the provider
 * contracts) intercept it exactly as they intercept fetch.
 *
 * No per-request timeout lives here: deadlines for connecting, the first byte and every later chunk are the
 * model call's (`modelPlane.deadlines`: connect, first token, idle, total; streaming/model-call.ts), which
 * aborts `signal`; an abort destroys an unfinished exchange's socket.
 */

/**
 * Sockets stay open between calls (no TLS handshake per request); no cap per origin, so long SSE streams never
 * queue behind each other; LIFO hands out the most recently used socket, so idle ones age out at the upstream's
 * keep-alive timeout instead of being reused after the upstream closed them.
 */
const AGENT_OPTIONS: http.AgentOptions = {
  keepAlive: true,
  maxSockets: Infinity,
  maxFreeSockets: 1024,
  scheduling: 'lifo',
};
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);

export interface UpstreamResponse {
  readonly status: number;
  readonly ok: boolean;
  /** The `content-type` header, or '' without one. */
  readonly contentType: string;
  /** Built on first use: most calls only read `content-type`. */
  readonly headers: Headers;
  /**
   * The body as it arrives, one network chunk at a time. Leaving the loop early does not close the connection;
   * call `release()` when done with it.
   */
  readonly body: AsyncIterable<Uint8Array>;
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
  /**
   * Gives the connection back: a body read to its end already is; otherwise the rest is drained for a short
   * grace (a stream whose terminal event came just before its last bytes keeps its keep-alive socket), then the
   * socket is destroyed.
   */
  release(): void;
}

/** How long an unfinished body may drain after its reader stopped before its socket is destroyed. */
const RELEASE_GRACE_MS = 1_000;

export function postUpstream(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  signal: AbortSignal,
  /** Called when the connection stands: TCP (+ TLS) connected, or a pooled socket handed out. */
  onConnected?: () => void,
): Promise<UpstreamResponse> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const request = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        answer = response;
        resolve(wrap(response));
      },
    );
    if (onConnected !== undefined) {
      request.once('socket', (socket) => {
        if (!socket.connecting) onConnected();
        else socket.once(secure ? 'secureConnect' : 'connect', onConnected);
      });
    }
    // Not http.request's own `signal` option: it destroys the request even after its socket went back to the
    // keep-alive pool, failing a socket nobody listens to any more. An abort cuts only an unfinished exchange.
    const onAbort = (): void => {
      if (answer?.complete === true) return;
      answer?.destroy(signal.reason as Error);
      request.destroy(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.once('close', () => signal.removeEventListener('abort', onAbort));
    // Every later error too (a socket reset after the answer began): the reader sees it on the body; an
    // 'error' without a listener would take the process down.
    request.on('error', reject);
    request.end(body);
  });
}

function wrap(response: IncomingMessage): UpstreamResponse {
  // A body nobody reads any more (released, or a refusal whose text was never asked for) can still fail.
  response.on('error', ignore);
  const status = response.statusCode ?? 0;
  let headers: Headers | undefined;
  return {
    status,
    ok: status >= 200 && status < 300,
    contentType: response.headers['content-type'] ?? '',
    get headers(): Headers {
      headers ??= toHeaders(response.rawHeaders);
      return headers;
    },
    get body(): AsyncIterable<Uint8Array> {
      return response.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
    },
    release(): void {
      if (response.complete || response.destroyed) return;
      const timer = setTimeout(() => response.destroy(), RELEASE_GRACE_MS);
      timer.unref();
      response.once('end', () => clearTimeout(timer)).once('close', () => clearTimeout(timer));
      response.resume();
    },
    async text(): Promise<string> {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

function toHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

function ignore(): void {}
