import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaneServer, withFast, type PlaneServer } from '../model-plane/testing/plane-server.ts';
import { at, jsonData, postSse } from '../model-plane/testing/sse.ts';

const ROUTE = '/v1/chat/completions';
let server: PlaneServer;

beforeAll(async () => {
  server = await startPlaneServer(withFast());
});
afterAll(async () => {
  await server.close();
});

const hello = { model: 'mock-small', messages: [{ role: 'user', content: 'hello' }] };

describe('POST /v1/chat/completions (JSON)', () => {
  it('answers with a chat.completion, deterministic text and usage', async () => {
    const res = await request(server.url).post(ROUTE).send(hello).expect(200);
    expect(res.body).toMatchObject({
      object: 'chat.completion',
      model: 'mock-small',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
      usage: { prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 },
    });
    const again = await request(server.url).post(ROUTE).send(hello).expect(200);
    expect(at(again.body, 'choices', 0, 'message', 'content')).toBe(
      at(res.body, 'choices', 0, 'message', 'content'),
    );
    expect(at(res.body, 'choices', 0, 'message', 'content')).toBe(
      'Mock answer to "hello". '.repeat(2).slice(0, 32),
    );
  });

  it('routes a provider-qualified model and records metrics', async () => {
    const before = server.observations.length;
    await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'mock/mock-small(high)' })
      .expect(200);
    expect(server.observations.slice(before)).toEqual([
      expect.objectContaining({ provider: 'mock', route: ROUTE, status: 200, success: true, totalTokens: 6 }),
    ]);
    expect(server.observations.at(-1)?.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('returns tool calls with finish_reason tool_calls', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({
        model: 'mock-tool-call',
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      })
      .expect(200);
    expect(at(res.body, 'choices', 0)).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{"input":"mock"}' } }],
      },
    });
  });

  it('names the field of an invalid request in a 400', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ model: 'mock-small', messages: [{ role: 'user', content: 42 }] })
      .expect(400);
    expect(at(res.body, 'error')).toMatchObject({
      type: 'invalid_request_error',
      param: 'messages[0].content',
    });
    expect(res.headers['x-should-retry']).toBe('false');
  });

  it('rejects n > 1 naming the field', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, n: 2 })
      .expect(400);
    expect(at(res.body, 'error')).toMatchObject({ param: 'n', code: 'unsupported_parameter' });
  });

  it.each([
    ['response_format', { type: 'json_object' }],
    ['seed', 7],
    ['logprobs', true],
    ['frequency_penalty', 0.5],
    ['logit_bias', { '50256': -100 }],
    ['modalities', ['text', 'audio']],
    ['functions', [{ name: 'f', parameters: {} }]],
  ])('refuses %s, which it cannot carry, instead of silently answering without it', async (field, value) => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, [field]: value })
      .expect(400);
    expect(at(res.body, 'error')).toMatchObject({ param: field, code: 'unsupported_parameter' });
    expect(at(res.body, 'error', 'message')).toContain(`'${field}'`);
  });

  it('accepts those fields at their no-op values', async () => {
    await request(server.url)
      .post(ROUTE)
      .send({
        ...hello,
        response_format: { type: 'text' },
        logprobs: false,
        frequency_penalty: 0,
        presence_penalty: 0,
        logit_bias: {},
        modalities: ['text'],
        seed: null,
        user: 'end-user-1',
        store: false,
      })
      .expect(200);
  });

  it('answers an unknown model with 404 model_not_found naming the providers', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'gpt-4o' })
      .expect(404);
    expect(at(res.body, 'error')).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(at(res.body, 'error', 'message')).toContain('Available providers: mock');
    expect(server.observations.at(-1)).toMatchObject({ status: 404, success: false, provider: undefined });
  });

  it('turns a mid-stream failure of a non-streamed request into the HTTP error', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'mock-fail-midstream' })
      .expect(503);
    expect(at(res.body, 'error', 'code')).toBe('upstream_overloaded');
  });

  it('never reports a truncated upstream answer as success', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'mock-truncate' })
      .expect(502);
    expect(at(res.body, 'error', 'code')).toBe('stream_truncated');
  });

  it('retries an overloaded provider, then reports 503 with retry-after', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'mock-overloaded' })
      .expect(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(at(res.body, 'error', 'code')).toBe('upstream_overloaded');
  });

  it('succeeds after a retry when the first attempt fails before the first byte', async () => {
    await request(server.url)
      .post(ROUTE)
      .send({ ...hello, model: 'mock-flaky' })
      .expect(200);
  });

  it('answers length when max_tokens is reached', async () => {
    const res = await request(server.url)
      .post(ROUTE)
      .send({ ...hello, max_tokens: 2 })
      .expect(200);
    expect(at(res.body, 'choices', 0, 'finish_reason')).toBe('length');
    expect(at(res.body, 'usage', 'completion_tokens')).toBe(2);
  });
});

describe('POST /v1/chat/completions (SSE)', () => {
  it('streams chunks ending with [DONE] and a usage chunk when asked', async () => {
    const { status, headers, frames } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/event-stream');
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const chunks = jsonData(frames);
    expect(chunks[0]).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [{ delta: { role: 'assistant' } }],
    });
    const text = chunks
      .map((c) => (c['choices'] as { delta: { content?: string } }[])[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe('Mock answer to "hello". '.repeat(2).slice(0, 32));
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'stop', delta: {} }], usage: null });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 },
    });
  });

  it('omits usage without stream_options.include_usage', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, { ...hello, stream: true });
    const chunks = jsonData(frames);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(frames.at(-1)?.data).toBe('[DONE]');
  });

  it('streams tool-call fragments keyed by index', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, {
      model: 'mock-tool-call',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'lookup' } }],
    });
    const toolDeltas = jsonData(frames).flatMap(
      (c) => (c['choices'] as { delta: { tool_calls?: unknown[] } }[])[0]?.delta.tool_calls ?? [],
    );
    expect(toolDeltas).toEqual([
      { index: 0, id: 'call_mock_lookup', type: 'function', function: { name: 'lookup', arguments: '' } },
      { index: 0, function: { arguments: '{"input":' } },
      { index: 0, function: { arguments: '"mock"}' } },
    ]);
  });

  it('sends a failure as an error frame and no [DONE]', async () => {
    const { status, frames } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      model: 'mock-fail-midstream',
      stream: true,
    });
    expect(status).toBe(200);
    expect(frames.some((frame) => frame.data === '[DONE]')).toBe(false);
    expect(jsonData(frames).at(-1)).toEqual({
      error: { message: expect.any(String), type: 'server_error', param: null, code: 'upstream_overloaded' },
    });
    expect(server.observations.at(-1)).toMatchObject({ status: 200, success: false });
  });

  it('turns a stream that ends without its terminal event into an error frame', async () => {
    const { frames } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      model: 'mock-truncate',
      stream: true,
    });
    expect(frames.some((frame) => frame.data === '[DONE]')).toBe(false);
    expect(jsonData(frames).at(-1)).toMatchObject({ error: { code: 'stream_truncated' } });
  });

  it('fails before the first byte with a real HTTP status', async () => {
    const { status } = await postSse(`${server.url}${ROUTE}`, {
      ...hello,
      model: 'mock-bad-request',
      stream: true,
    });
    expect(status).toBe(400);
  });
});
