import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, testServer, withKeys, type TestServer } from '../server/testing/test-servers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('GET /v1/metrics/providers', () => {
  it('lists every configured provider with success_rate 1.0 and no latencies before traffic', async () => {
    server = await testServer();
    const response = await request(server.app.server).get('/v1/metrics/providers').expect(200);
    expect(response.body).toEqual({
      mock: {
        request_count: 0,
        success_count: 0,
        failure_count: 0,
        total_tokens: 0,
        success_rate: 1,
        latency_p50_ms: null,
        latency_p95_ms: null,
        latency_p99_ms: null,
        ttft_p50_ms: null,
        ttft_p95_ms: null,
        ttft_p99_ms: null,
        attempt_count: 0,
        retry_count: 0,
        fallback_count: 0,
        circuit_skip_count: 0,
        open_circuits: 0,
      },
    });
  });

  it('computes percentiles from recorded observations (plus one request on the fake plane’s fixed 12 ms / 3 ms)', async () => {
    server = await testServer();
    for (const [latencyMs, success] of [
      [10, true],
      [20, true],
      [30, false],
      [40, true],
    ] as const) {
      server.metrics.record({
        provider: 'openai',
        route: '/v1/responses',
        status: success ? 200 : 502,
        success,
        latencyMs,
        ttftMs: latencyMs / 10,
        totalTokens: 5,
      });
    }
    await request(server.app.server)
      .post('/v1/chat/completions')
      .send({ model: 'mock/mock-small' })
      .expect(200);
    const { body } = await request(server.app.server).get('/v1/metrics/providers').expect(200);
    expect(Object.keys(body as object)).toEqual(['mock', 'openai']);
    expect(body).toMatchObject({
      mock: { request_count: 1, success_count: 1, total_tokens: 7, latency_p50_ms: 12, ttft_p95_ms: 3 },
      openai: {
        request_count: 4,
        success_count: 3,
        failure_count: 1,
        total_tokens: 20,
        success_rate: 0.75,
        latency_p50_ms: 20,
        latency_p95_ms: 40,
        latency_p99_ms: 40,
        ttft_p50_ms: 2,
        ttft_p95_ms: 4,
        ttft_p99_ms: 4,
      },
    });
  });

  it('needs a key when keys are configured', async () => {
    server = await testServer(withKeys);
    await request(server.app.server).get('/v1/metrics/providers').expect(401);
    await request(server.app.server).get('/v1/metrics/providers').set('x-api-key', ALICE.key).expect(200);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with request, latency and TTFT series by provider, route and status', async () => {
    server = await testServer();
    server.metrics.record({
      provider: 'mock',
      route: '/v1/chat/completions',
      status: 200,
      success: true,
      latencyMs: 120,
      ttftMs: 30,
    });
    const response = await request(server.app.server).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toContain(
      'switchyard_requests_total{provider="mock",route="/v1/chat/completions",status="200"} 1',
    );
    expect(response.text).toContain(
      'switchyard_request_duration_seconds_bucket{le="0.25",provider="mock",route="/v1/chat/completions",status="200"} 1',
    );
    expect(response.text).toContain(
      'switchyard_time_to_first_token_seconds_bucket{le="0.025",provider="mock",route="/v1/chat/completions",status="200"} 0',
    );
    expect(response.text).toContain(
      'switchyard_time_to_first_token_seconds_count{provider="mock",route="/v1/chat/completions",status="200"} 1',
    );
  });

  it('counts a request that failed before routing under provider="unrouted", never as a provider', async () => {
    server = await testServer();
    server.metrics.record({
      provider: undefined,
      route: '/v1/chat/completions',
      status: 404,
      success: false,
      latencyMs: 2,
    });
    const prometheus = await request(server.app.server).get('/metrics').expect(200);
    expect(prometheus.text).toContain(
      'switchyard_requests_total{provider="unrouted",route="/v1/chat/completions",status="404"} 1',
    );
    const providers = await request(server.app.server).get('/v1/metrics/providers').expect(200);
    expect(Object.keys(providers.body as object)).toEqual(['mock']);
    expect(providers.body).toHaveProperty('mock.request_count', 0);
  });

  it('keeps a registry per server: two servers do not see each other’s counts', async () => {
    server = await testServer();
    const other = await testServer();
    try {
      other.metrics.record({
        provider: 'mock',
        route: '/v1/messages',
        status: 200,
        success: true,
        latencyMs: 1,
      });
      const text = await server.metrics.prometheus.text();
      expect(text).not.toContain('route="/v1/messages"');
      expect(await other.metrics.prometheus.text()).toContain('route="/v1/messages"');
    } finally {
      await other.close();
    }
  });

  it('needs a key when keys are configured', async () => {
    server = await testServer(withKeys);
    await request(server.app.server).get('/metrics').expect(401);
    await request(server.app.server).get('/metrics').set('x-goog-api-key', ALICE.key).expect(200);
  });
});
