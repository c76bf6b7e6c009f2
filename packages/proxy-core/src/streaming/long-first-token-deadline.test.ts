/**
 * "A first-token deadline of 10 min really waits 10 min" (issue 13), proved end to end: a client request over
 * node:http → the model plane (fastify) → the real upstream transport (providers/shared/upstream-transport.ts,
 * node:http with its keep-alive agent) → a real loopback upstream that accepts the request and then says nothing,
 * not even its status line, until the test lets it.
 *
 * Why a fake clock is honest here: vitest fakes only the timer functions (setTimeout/setInterval and their clears,
 * Date, performance.now), never the sockets. Every byte still crosses real loopback connections; only the passing
 * of time is simulated. So any timer anywhere on the path — the proxy's deadlines, or a default timeout hidden in
 * a library that uses the global timers (undici's 300 s `headersTimeout`/`bodyTimeout` was one, issue 13) — fires
 * when the fake clock passes it, exactly as it would in ten real minutes. Node's own socket timeouts are not
 * global timers, so the test also watches every socket timeout set on a client connection (the proxy's to the
 * upstream) while the request waits, and requires that there is none. The test's client is node:http without an
 * agent rather than fetch, so that it has no hidden deadline either.
 * `performance.now` imported from node:perf_hooks is not the global one vitest fakes, so it is pointed at the fake
 * clock too: the model call measures its deadlines' budgets with it.
 */
import http from 'node:http';
import { once } from 'node:events';
import { Socket, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPlaneServer, type PlaneServer } from '../model-plane/testing/plane-server.ts';

const MINUTE = 60_000;
const FIRST_TOKEN_MS = 10 * MINUTE;

const ANSWER = JSON.stringify({
  id: 'chatcmpl-late',
  object: 'chat.completion',
  created: 1,
  model: 'deepseek-v3',
  choices: [{ index: 0, message: { role: 'assistant', content: 'worth the wait' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
});

/** An upstream that holds every request silently until `answer()`; `arrived` resolves when one came in. */
interface SilentUpstream {
  readonly baseUrl: string;
  readonly arrived: Promise<void>;
  answer(): void;
  /** Whether the proxy hung up on the held request. */
  readonly closedByProxy: () => boolean;
  close(): Promise<void>;
}

async function silentUpstream(): Promise<SilentUpstream> {
  let held: http.ServerResponse | undefined;
  let closedByProxy = false;
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      held = response;
      response.on('close', () => (closedByProxy = !response.writableEnded));
      arrive();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    answer() {
      held?.writeHead(200, { 'content-type': 'application/json' }).end(ANSWER);
    },
    closedByProxy: () => closedByProxy,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A non-streamed chat request over node:http with no client-side timeout of any kind. */
function postChat(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/v1/chat/completions`,
      // Not the global agent: since Node 19 it sets a 5 s socket timeout of its own.
      { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (piece: string) => (text += piece));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    request.on('error', reject);
    request.end(
      JSON.stringify({ model: 'deepseek/deepseek-v3', messages: [{ role: 'user', content: 'hi' }] }),
    );
  });
}

/** Settled yet? Checked after the event loop had a real turn to deliver any bytes in flight. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

let upstream: SilentUpstream | undefined;
/**
 * Socket timeouts (ms) set on client connections while the request is in flight (the proxy's to the upstream): a
 * deadline fake time cannot see. Checked before the answer, since a socket going back to a keep-alive pool
 * afterwards gets an idle timeout from the server's `Keep-Alive: timeout=5` hint, which is no deadline.
 */
let clientSocketTimeouts: number[] = [];
let plane: PlaneServer | undefined;

async function start(): Promise<{ upstream: SilentUpstream; plane: PlaneServer }> {
  upstream = await silentUpstream();
  plane = await startPlaneServer({
    providers: { deepseek: { baseUrl: `${upstream.baseUrl}/v1`, keys: ['deepseek-key'] } },
    retries: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 5 },
    // The total deadline (10 min by default) is set past the first-token one, so only the latter can end the call.
    deadlines: { connectTimeoutMs: 30_000, firstTokenTimeoutMs: FIRST_TOKEN_MS, totalTimeoutMs: 60 * MINUTE },
  });
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
  });
  vi.spyOn(performance, 'now').mockImplementation(() => globalThis.performance.now());
  // Client-side sockets only (a server's accepted sockets carry `server`): the proxy's upstream connections and
  // this test's own client, which sets none. Set before connecting, so no remote address to tell them by yet.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, applied to each socket below
  const setSocketTimeout = Socket.prototype.setTimeout;
  vi.spyOn(Socket.prototype, 'setTimeout').mockImplementation(function (this: Socket, ...args) {
    const accepted = (this as Socket & { server?: unknown }).server != null;
    if (!accepted && args[0] > 0) clientSocketTimeouts.push(args[0]);
    return setSocketTimeout.apply(this, args);
  });
  return { upstream, plane };
}

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await plane?.close();
  await upstream?.close();
  plane = undefined;
  upstream = undefined;
  clientSocketTimeouts = [];
});

describe('a first-token deadline of 10 min, through the real transport to a real loopback upstream', () => {
  it('is still waiting at 9 min 59 s and serves the answer that comes then', async () => {
    const rig = await start();
    const reply = postChat(rig.plane.url);
    await rig.upstream.arrived;

    await vi.advanceTimersByTimeAsync(9 * MINUTE + 59_000);
    expect(await settled(reply)).toBe(false);
    expect(rig.upstream.closedByProxy()).toBe(false);
    expect(clientSocketTimeouts).toEqual([]);

    rig.upstream.answer();
    const { status, body } = await reply;
    expect(status).toBe(200);
    expect(body).toMatchObject({ choices: [{ message: { content: 'worth the wait' } }] });
  });

  it('ends as 504 first_token_timeout at 10 min when no token ever comes, not earlier', async () => {
    const rig = await start();
    const reply = postChat(rig.plane.url);
    await rig.upstream.arrived;

    await vi.advanceTimersByTimeAsync(FIRST_TOKEN_MS - 1);
    expect(await settled(reply)).toBe(false);
    expect(clientSocketTimeouts).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    const { status, body } = await reply;
    expect(status).toBe(504);
    expect(body).toMatchObject({ error: { code: 'first_token_timeout' } });
    await vi.waitFor(() => expect(rig.upstream.closedByProxy()).toBe(true));
  });
});
