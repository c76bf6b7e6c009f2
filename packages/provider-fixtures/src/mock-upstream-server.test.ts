import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockUpstream, type MockUpstream } from './mock-upstream-server.ts';
import { PROVIDERS, PROVIDER_IDS, upstreamAuthHeaders, type ProviderId } from './providers.ts';
import { toFixtureRequest } from './request.ts';
import { respond } from './respond.ts';
import { readFixtureBody } from './response.ts';
import { CHUNK_DELAY_HEADER, SCENARIO_HEADER, type ScenarioName } from './scenarios.ts';
import { TEST_KEY, endpointPath, requestBody } from './test-support.ts';

// Node's fetch types leave the body reader's chunks as `any`; they are bytes.
const byteReader = (response: Response) =>
  response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;

describe('mock upstream server (real loopback HTTP)', () => {
  let upstream: MockUpstream;

  beforeAll(async () => {
    upstream = await startMockUpstream({ chunkDelayMs: 1 });
  });
  afterAll(async () => {
    await upstream.close();
  });

  function post(provider: ProviderId, scenario: ScenarioName, stream: boolean, init: RequestInit = {}) {
    const path = endpointPath(provider, { stream });
    const headers = {
      'content-type': 'application/json',
      [SCENARIO_HEADER]: scenario,
      ...upstreamAuthHeaders(provider, TEST_KEY),
    };
    const bodyText = JSON.stringify(requestBody(provider, { stream }));
    const url = `${upstream.url}/${provider}${path}`;
    return {
      url,
      headers,
      bodyText,
      response: fetch(url, { method: 'POST', headers, body: bodyText, ...init }),
    };
  }

  const cases = PROVIDER_IDS.flatMap((provider) =>
    (['plain', 'streamed', 'tool-call', 'error-429', 'stream-error', 'stream-truncated'] as const).map(
      (scenario) => ({
        provider,
        scenario,
      }),
    ),
  );

  it.each(cases)(
    'serves $provider $scenario with the same status, headers and bytes as respond()',
    async ({ provider, scenario }) => {
      const stream = scenario !== 'plain';
      const sent = post(provider, scenario, stream);
      const response = await sent.response;
      const expected = respond(
        provider,
        toFixtureRequest({
          method: 'POST',
          url: `https://upstream.test${endpointPath(provider, { stream })}`,
          headers: sent.headers,
          bodyText: sent.bodyText,
        }),
        { chunkDelayMs: 0 },
      );
      expect(response.status).toBe(expected.status);
      for (const [name, value] of Object.entries(expected.headers))
        expect(response.headers.get(name)).toBe(value);
      expect(await response.text()).toBe(await readFixtureBody(expected.body));
    },
  );

  it('publishes a base URL per provider under its own prefix', () => {
    expect(upstream.baseUrls.qwen).toBe(`${upstream.url}/qwen/compatible-mode/v1`);
    expect(Object.keys(upstream.baseUrls)).toEqual(PROVIDER_IDS);
    for (const id of PROVIDER_IDS) expect(upstream.baseUrls[id].endsWith(PROVIDERS[id].basePath)).toBe(true);
  });

  it('records what it received: method, URL, headers and parsed body', async () => {
    upstream.clearRequests();
    const sent = post('anthropic', 'plain', false, {
      headers: { 'x-api-key': 'k-anthropic', 'anthropic-version': '2023-06-01', 'idempotency-key': 'idem-1' },
    });
    await (await sent.response).text();
    const [recorded, ...others] = upstream.requests('anthropic');
    expect(others).toEqual([]);
    expect(recorded).toMatchObject({
      provider: 'anthropic',
      method: 'POST',
      url: `${upstream.url}/anthropic/v1/messages`,
      headers: { 'x-api-key': 'k-anthropic', 'anthropic-version': '2023-06-01', 'idempotency-key': 'idem-1' },
      body: { model: 'claude-haiku-4-5' },
    });
    expect(upstream.requests('openai')).toEqual([]);
  });

  it('answers 404 for a path outside every provider, without recording it', async () => {
    upstream.clearRequests();
    const response = await fetch(`${upstream.url}/nowhere/v1/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(upstream.requests()).toEqual([]);
  });

  it('answers a known provider with an unknown endpoint in that provider error shape', async () => {
    const response = await fetch(`${upstream.url}/anthropic/v1/complete`, {
      method: 'POST',
      headers: upstreamAuthHeaders('anthropic', TEST_KEY),
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('drops the connection mid-stream for stream-reset after delivering the first delta', async () => {
    const response = await post('openai', 'stream-reset', true).response;
    expect(response.status).toBe(200);
    const reader = byteReader(response);
    const decoder = new TextDecoder();
    let received = '';
    const readAll = async (): Promise<void> => {
      for (;;) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) return;
        received += decoder.decode(chunk.value, { stream: true });
      }
    };
    await expect(readAll()).rejects.toThrow();
    expect(received).toContain('response.output_text.delta');
  });

  it('streams incrementally and stops producing when the client disconnects', async () => {
    const controller = new AbortController();
    const sent = post('gemini', 'streamed', true, {
      signal: controller.signal,
      headers: { ...upstreamAuthHeaders('gemini', TEST_KEY), [CHUNK_DELAY_HEADER]: '10000' },
    });
    const response = await sent.response;
    const first = await byteReader(response)?.read();
    // The first frame arrives long before the 10 s pause would let a buffered body finish.
    expect(new TextDecoder().decode(first?.value)).toMatch(/^data: \{/);
    expect(upstream.openStreams()).toBe(1);
    controller.abort();
    await vi.waitFor(() => expect(upstream.openStreams()).toBe(0), { timeout: 2000 });
  });
});
