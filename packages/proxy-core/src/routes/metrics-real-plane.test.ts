/**
 * /v1/metrics/providers from real traffic: the real server (createServer: the real model plane and its mock
 * provider), requests over HTTP, and percentiles checked against what the traffic must have produced — not
 * against numbers a fake plane hard-codes. No speed is asserted: only bounds the traffic itself forces (a
 * first token held back SLOW_FIRST_TOKEN_MS, and the server's time inside the client's).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderMetrics } from '../metrics/provider-stats.ts';
import type { SwitchyardServer } from '../server/build-server.ts';
import { createServer } from '../server/create-server.ts';

const SLOW_FIRST_TOKEN_MS = 1_000;
const FAST_REQUESTS = 19;

let server: SwitchyardServer;
beforeAll(async () => {
  server = await createServer(
    {
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-metrics-real-')) },
      modelPlane: {
        providers: {
          mock: { chunkCount: 4, chunkSize: 8, chunkIntervalMs: 1, slowFirstTokenMs: SLOW_FIRST_TOKEN_MS },
        },
      },
    },
    { logDestination: new PassThrough() },
  );
});
afterAll(async () => {
  await server.close();
});

async function chat(content: string): Promise<number> {
  const started = performance.now();
  await request(server.app.server)
    .post('/v1/chat/completions')
    .send({ model: 'mock/mock-small', messages: [{ role: 'user', content }] })
    .expect(200);
  return performance.now() - started;
}

describe('GET /v1/metrics/providers from real traffic through the real model plane', () => {
  it('computes latency and TTFT p50/p95/p99 from the requests served, p99 from the slowest first token', async () => {
    const clientMs: number[] = [];
    for (let i = 0; i < FAST_REQUESTS; i += 1) clientMs.push(await chat(`fast ${i}`));
    // One in twenty: its first token is held back, so it alone is above p95 (nearest rank 19 of 20) and is p99.
    clientMs.push(await chat('[mock:slow-first-token] slow'));

    const { body } = await request(server.app.server).get('/v1/metrics/providers').expect(200);
    const mock = (body as Record<string, ProviderMetrics>)['mock'];
    expect(mock).toMatchObject({ request_count: 20, success_count: 20, failure_count: 0, success_rate: 1 });
    if (mock === undefined) throw new Error('no mock entry');
    const { ttft_p50_ms: p50, ttft_p95_ms: p95, ttft_p99_ms: p99 } = mock;
    if (p50 === null || p95 === null || p99 === null)
      throw new Error(`TTFT percentiles missing: ${JSON.stringify(mock)}`);
    // The held-back first token is the slowest one: p99 is it, p95 and p50 are from the other nineteen.
    expect(p99).toBeGreaterThanOrEqual(SLOW_FIRST_TOKEN_MS);
    expect(p95).toBeLessThan(p99);
    expect(p50).toBeLessThanOrEqual(p95);
    // A request lasts at least until its first token, and the server's time lies inside the client's.
    expect(mock.latency_p99_ms).toBeGreaterThanOrEqual(p99);
    expect(mock.latency_p99_ms).toBeLessThanOrEqual(Math.max(...clientMs));
    expect(mock.latency_p50_ms).toBeLessThanOrEqual(mock.latency_p95_ms ?? Number.NaN);
  });
});
