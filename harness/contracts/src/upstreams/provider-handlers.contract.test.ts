import {
  CHUNK_DELAY_HEADER,
  FIXTURE_TEXT,
  PROVIDERS,
  PROVIDER_IDS,
  SCENARIO_HEADER,
  createRequestRecorder,
  parseSseFrames,
  readFixtureBody,
  respond,
  toFixtureRequest,
  upstreamAuthHeaders,
  type ProviderId,
  type ScenarioName,
} from '@switchyard/provider-fixtures';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContractServer, listenStrict } from '../msw-server.ts';
import { PROVIDER_BASE_URLS } from './base-urls.ts';
import { providerHandlers } from './provider-handlers.ts';

const KEY = 'upstream-contract-key';

/** The endpoint a proxy would call for a provider, relative to its base URL. */
function endpoint(provider: ProviderId, stream: boolean): string {
  const fixture = PROVIDERS[provider];
  if (fixture.apis.includes('anthropic-messages')) return '/messages';
  if (fixture.apis.includes('gemini')) {
    return `/models/${fixture.defaultModel}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  }
  return '/chat/completions';
}

function requestInit(provider: ProviderId, stream: boolean, scenario?: ScenarioName) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...upstreamAuthHeaders(provider, KEY),
    ...(scenario === undefined ? {} : { [SCENARIO_HEADER]: scenario }),
  };
  const body =
    provider === 'gemini'
      ? { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }
      : { model: PROVIDERS[provider].defaultModel, stream, messages: [{ role: 'user', content: 'hello' }] };
  return { method: 'POST', headers, body: JSON.stringify(body) };
}

const byteReader = (response: Response) =>
  response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;

describe('provider upstream handlers (MSW) built from the shared fixtures', () => {
  const recorder = createRequestRecorder();
  const msw = createContractServer(...providerHandlers(recorder));

  beforeAll(() => {
    // MSW prints each unhandled request before rejecting it; the rejection is what these tests assert.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    listenStrict(msw);
  });
  afterEach(() => recorder.clear());
  afterAll(() => msw.close());

  const cases = PROVIDER_IDS.flatMap((provider) => [false, true].map((stream) => ({ provider, stream })));

  it.each(cases)(
    '$provider (stream: $stream) answers global fetch with the fixture and records the request',
    async ({ provider, stream }) => {
      const url = `${PROVIDER_BASE_URLS[provider]}${endpoint(provider, stream)}`;
      const init = requestInit(provider, stream);
      const response = await fetch(url, init);

      const expected = respond(provider, toFixtureRequest({ ...init, url, bodyText: init.body }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(stream ? 'text/event-stream' : 'application/json');
      expect(await response.text()).toBe(await readFixtureBody(expected.body));

      expect(recorder.requests()).toEqual([
        {
          provider,
          method: 'POST',
          url,
          headers: expect.objectContaining(upstreamAuthHeaders(provider, KEY)),
          body: JSON.parse(init.body) as unknown,
          bodyText: init.body,
        },
      ]);
    },
  );

  it('serves the OpenAI Responses endpoint too', async () => {
    const response = await fetch(`${PROVIDER_BASE_URLS.openai}/responses`, {
      ...requestInit('openai', true),
      body: JSON.stringify({ model: 'gpt-5-codex-mini', input: 'hello', stream: true }),
    });
    const events = parseSseFrames(await response.text()).map((frame) => frame.event);
    expect(events[0]).toBe('response.created');
    expect(events.at(-1)).toBe('response.completed');
  });

  it('streams frame by frame, not as one buffered body', async () => {
    const init = requestInit('anthropic', true);
    const response = await fetch(`${PROVIDER_BASE_URLS.anthropic}/messages`, {
      ...init,
      headers: { ...init.headers, [CHUNK_DELAY_HEADER]: '50' },
    });
    const first = await byteReader(response)?.read();
    expect(new TextDecoder().decode(first?.value)).toMatch(/^event: message_start\ndata: .*\n\n$/);
  });

  it('serves error scenarios with their status and retry headers', async () => {
    const response = await fetch(
      `${PROVIDER_BASE_URLS.openai}/chat/completions`,
      requestInit('openai', false, 'error-429'),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('retry-after-ms')).toBe('2000');
    const overloaded = await fetch(
      `${PROVIDER_BASE_URLS.anthropic}/messages`,
      requestInit('anthropic', true, 'error-529'),
    );
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('breaks the body of a stream-reset scenario after the first text delta', async () => {
    const response = await fetch(
      `${PROVIDER_BASE_URLS.deepseek}/chat/completions`,
      requestInit('deepseek', true, 'stream-reset'),
    );
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
    await expect(readAll()).rejects.toThrow('terminated');
    expect(received).toContain('"content":"Hello"');
  });

  it('gives the answer the fixture text whatever the provider', async () => {
    const response = await fetch(`${PROVIDER_BASE_URLS.qwen}/chat/completions`, requestInit('qwen', false));
    expect(await response.json()).toMatchObject({ choices: [{ message: { content: FIXTURE_TEXT } }] });
  });

  it.each([
    ['an endpoint the provider lacks', `${PROVIDER_BASE_URLS.openai}/embeddings`, 'POST'],
    [
      'a provider path under the wrong base path',
      'https://dashscope-intl.aliyuncs.com/v1/chat/completions',
      'POST',
    ],
    ['a GET on a mocked POST endpoint', `${PROVIDER_BASE_URLS.anthropic}/messages`, 'GET'],
    ['an unknown host', 'https://api.unmocked.example/v1/chat/completions', 'POST'],
  ])('fails hard on %s', async (_what, url, method) => {
    await expect(fetch(url, { method, ...(method === 'POST' ? { body: '{}' } : {}) })).rejects.toThrow();
    expect(recorder.requests()).toEqual([]);
  });
});
