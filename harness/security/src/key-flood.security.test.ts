import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCanary } from './canaries.ts';
import { dialectOf, errorShapeProblem, parseJson } from './dialect-shapes.ts';
import { startEchoUpstream, type EchoUpstream } from './echo-upstream.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';

/**
 * Key flood against the built proxy process with client keys configured: 10,000 requests carrying invalid,
 * rotating and malformed keys in every place a key is accepted (Authorization Bearer, x-api-key,
 * x-goog-api-key, ?key=) — empty, huge, unicode, near-misses of the real key. None may reach the upstream
 * (counted at the loopback upstream) and every one is a 401 in the route's dialect. The 401 path's
 * throughput and latency go to the gap report as figures.
 */
const FLOOD_REQUESTS = 10_000;
const IN_FLIGHT = 16;
const SEED = Number(process.env['SWITCHYARD_FUZZ_SEED'] ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0);

const ROUTES = [
  {
    path: '/v1/chat/completions',
    body: { model: 'openai/gpt-echo-500', messages: [{ role: 'user', content: 'hi' }] },
  },
  { path: '/v1/responses', body: { model: 'openai/gpt-echo-500', input: 'hi' } },
  {
    path: '/v1/messages',
    body: { model: 'anthropic/claude-echo-500', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
  },
  { path: '/message', body: { model: 'gemini/gemini-echo-500', message: 'hi' } },
] as const;

type Place = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'query' | 'raw-authorization';

interface FloodCase {
  readonly route: number;
  readonly place: Place;
  readonly key: string;
}

/** Header values are bytes: unicode goes as its UTF-8 bytes read as latin1 (what a raw client would send). */
const asHeaderBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

function floodCases(realKey: string): fc.Arbitrary<FloodCase> {
  const flip = (index: number) => {
    const at = index % realKey.length;
    const swapped = realKey[at] === 'a' ? 'b' : 'a';
    return `${realKey.slice(0, at)}${swapped}${realKey.slice(at + 1)}`;
  };
  const nearMiss = fc.oneof(
    fc.nat().map(flip),
    fc.integer({ min: 1, max: realKey.length - 1 }).map((length) => realKey.slice(0, length)),
    fc.constantFrom('x', '0', '=', '%00').map((suffix) => `${realKey}${suffix}`),
    fc.constant(realKey.toUpperCase()),
    fc.constant(realKey.slice(1)),
  );
  const key = fc.oneof(
    fc.constant(''),
    fc.integer({ min: 1_024, max: 8_000 }).map((size) => 'k'.repeat(size)),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }).map(asHeaderBytes),
    nearMiss,
    fc.nat().map((n) => makeCanary(`rot${n % 1000}`).value),
    fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
  );
  const malformedAuthorization = fc.oneof(
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Token ${realKey}`,
      `Bearer ${realKey} extra`,
      `${realKey}`,
      `Bearer,${realKey}`,
      `Bearer\t${flip(3)}`,
    ),
    key.map((value) => `Bearer ${value}`.trim()),
  );
  return fc.oneof(
    fc.record({
      route: fc.nat({ max: ROUTES.length - 1 }),
      place: fc.constantFrom<Place>('bearer', 'x-api-key', 'x-goog-api-key', 'query'),
      key,
    }),
    fc.record({
      route: fc.nat({ max: ROUTES.length - 1 }),
      place: fc.constant<Place>('raw-authorization'),
      key: malformedAuthorization,
    }),
  );
}

function request(base: string, flood: FloodCase): { url: string; headers: Record<string, string> } {
  const route = ROUTES[flood.route] ?? ROUTES[0];
  const url = `${base}${route.path}`;
  switch (flood.place) {
    case 'bearer':
      return { url, headers: { authorization: `Bearer ${flood.key}` } };
    case 'raw-authorization':
      return { url, headers: { authorization: flood.key } };
    case 'x-api-key':
    case 'x-goog-api-key':
      return { url, headers: { [flood.place]: flood.key } };
    case 'query':
      return { url: `${url}?key=${encodeURIComponent(flood.key)}`, headers: {} };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

describe('security: key-flood — invalid, rotating and malformed client keys against the built proxy process', () => {
  const clientKey = makeCanary('flood').value;
  let upstream: EchoUpstream;
  let proxy: ProxyProcess;
  const problems: string[] = [];
  const latencies: number[] = [];
  let sent = 0;
  let elapsedMs = 0;
  let upstreamAfterFlood = -1;

  beforeAll(async () => {
    upstream = await startEchoUpstream();
    const upstreamKeys = [makeCanary('fup1').value];
    proxy = await startProxyProcess({
      config: {
        server: { host: '127.0.0.1' },
        auth: { keys: [{ id: 'flood-client', key: clientKey }] },
        logging: { level: 'warn' },
        modelPlane: {
          retries: { maxRetries: 0 },
          providers: {
            openai: { baseUrl: `${upstream.url}/v1`, keys: upstreamKeys },
            anthropic: { baseUrl: `${upstream.url}/v1`, keys: upstreamKeys },
            gemini: { baseUrl: `${upstream.url}/v1beta`, keys: upstreamKeys },
          },
        },
      },
    });
    const cases = fc.sample(floodCases(clientKey), { seed: SEED, numRuns: FLOOD_REQUESTS });
    console.log(`[key-flood] seed=${SEED} requests=${cases.length} (replay: SWITCHYARD_FUZZ_SEED=${SEED})`);
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let index = next++; index < cases.length; index = next++) {
        const flood = cases[index];
        if (flood === undefined) continue;
        const route = ROUTES[flood.route] ?? ROUTES[0];
        const { url, headers } = request(proxy.url, flood);
        const begun = performance.now();
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(route.body),
            signal: AbortSignal.timeout(15_000),
          });
          const text = await response.text();
          latencies.push(performance.now() - begun);
          const shape = errorShapeProblem(dialectOf(route.path), parseJson(text));
          if (response.status !== 401 || shape !== undefined) {
            problems.push(
              `#${index} ${route.path} key in ${flood.place} (${flood.key.length} chars): ${response.status} ${shape ?? ''}`,
            );
          }
        } catch (error) {
          problems.push(
            `#${index} ${route.path} key in ${flood.place}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        sent += 1;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    elapsedMs = performance.now() - started;
    upstreamAfterFlood = upstream.requestCount();
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `[key-flood] ${sent} requests in ${(elapsedMs / 1000).toFixed(2)} s = ${Math.round(sent / (elapsedMs / 1000))} req/s; ` +
        `401 latency p50 ${percentile(sorted, 50).toFixed(2)} ms p95 ${percentile(sorted, 95).toFixed(2)} ms p99 ${percentile(sorted, 99).toFixed(2)} ms`,
    );
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    proxy?.remove();
    await upstream?.close();
  });

  it(`answers ${FLOOD_REQUESTS} requests with invalid, rotating and malformed keys in every accepted place with a 401 in the route's dialect`, ({
    task,
  }) => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (value: number) => Math.round(value * 100) / 100;
    task.meta.requests_per_s = Math.round(sent / (elapsedMs / 1000));
    task.meta['p(95)'] = round(percentile(sorted, 95));
    task.meta['p(99)'] = round(percentile(sorted, 99));
    task.meta.avg = round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length));
    expect(sent).toBe(FLOOD_REQUESTS);
    expect(problems.slice(0, 20), `seed ${SEED}: ${problems.length} problems`).toEqual([]);
  });

  it('lets none of them reach the upstream (0 requests counted there), while the right key does', async () => {
    expect(upstreamAfterFlood).toBe(0);
    // The control: the same request with the real key does reach the counting upstream.
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(ROUTES[0].body),
    });
    await response.text();
    expect(upstream.requestCount()).toBeGreaterThan(0);
  });

  it('the proxy process is still up after the flood', async () => {
    expect(proxy.alive()).toBe(true);
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
  });
});
