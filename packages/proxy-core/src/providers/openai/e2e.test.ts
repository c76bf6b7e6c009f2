import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatStreamText, jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { OPENAI_DEFAULTS } from './config.ts';
import { upstreamIdempotencyKey } from '../shared/request-headers.ts';
import {
  clientKeyNeverSent,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../shared/testing/plane-with-upstream.ts';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  // The operator's list adds a codex model with three levels and one that cannot think to the defaults.
  rig = await startPlaneWithUpstream((baseUrl) => ({
    openai: {
      baseUrl: `${baseUrl}/v1`,
      keys: ['sk-upstream-1'],
      models: [
        ...OPENAI_DEFAULTS.models,
        { id: 'gpt-5-codex-mini', thinking: { levels: ['low', 'medium', 'high'] } },
        { id: 'gpt-4o-mini' },
      ],
    },
  }));
});
afterAll(async () => {
  await rig.close();
});

const RESPONSES_STREAM =
  sse.event('response.created', { response: { status: 'in_progress' } }) +
  sse.event('response.output_text.delta', { output_index: 0, delta: 'Hello' }) +
  sse.event('response.output_text.delta', { output_index: 0, delta: ' there' }) +
  sse.event('response.completed', {
    response: { status: 'completed', usage: { input_tokens: 5, output_tokens: 2 } },
  });

describe('openai end to end through createModelPlane', () => {
  it('Responses client → upstream /v1/responses with the provider key, idempotency key and thinking from the suffix', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [RESPONSES_STREAM.slice(0, 40), RESPONSES_STREAM.slice(40)],
    }));
    const reply = await rig.post(
      '/v1/responses',
      { model: 'gpt-5-codex-mini(high)', input: 'hi', stream: true },
      { 'idempotency-key': 'idem-123' },
    );
    expect(reply.status).toBe(200);
    const deltas = jsonData(parseSse(reply.text)).filter(
      (event) => event['type'] === 'response.output_text.delta',
    );
    expect(deltas.map((event) => event['delta'])).toEqual(['Hello', ' there']);
    const [request] = rig.upstream.requests;
    expect(request?.url).toBe('/v1/responses');
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer sk-upstream-1',
      'idempotency-key': upstreamIdempotencyKey('test-principal', 'idem-123'),
      accept: 'text/event-stream',
    });
    expect(request?.body).toMatchObject({
      model: 'gpt-5-codex-mini',
      stream: true,
      store: false,
      reasoning: { effort: 'high' },
    });
    expect(clientKeyNeverSent(rig.upstream)).toBe(true);
  });

  it('Chat client → upstream /v1/chat/completions, not streamed', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      chunks: [
        JSON.stringify({
          choices: [{ message: { content: 'Hi!' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 3, completion_tokens: 1 },
        }),
      ],
    }));
    const reply = await rig.post('/v1/chat/completions', {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 9,
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({
      choices: [{ message: { content: 'Hi!' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    });
    expect(rig.upstream.requests[0]?.url).toBe('/v1/chat/completions');
    expect(rig.upstream.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 9 });
    expect(rig.upstream.requests[0]?.headers['idempotency-key']).toBeUndefined();
    expect(clientKeyNeverSent(rig.upstream)).toBe(true);
  });

  it('tells the client which provider and model answered, and every thinking adjustment, in headers', async () => {
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [RESPONSES_STREAM],
    }));
    const reply = await rig.post('/v1/responses', {
      model: 'gpt-5-codex-mini(8192)',
      input: 'hi',
      stream: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-provider')).toBe('openai');
    expect(reply.headers.get('x-switchyard-model')).toBe('gpt-5-codex-mini');
    expect(reply.headers.get('x-switchyard-thinking-adjusted')).toMatch(
      /^converted: budget 8192 converted to level "\w+"$/,
    );
    rig.upstream.respond(() => ({
      chunks: [JSON.stringify({ choices: [{ message: { content: 'Hi!' }, finish_reason: 'stop' }] })],
    }));
    const plain = await rig.post('/v1/chat/completions', {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(plain.headers.get('x-switchyard-model')).toBe('gpt-4o-mini');
    expect(plain.headers.get('x-switchyard-thinking-adjusted')).toBeNull();
  });

  it('sends a chat client asking for a Responses-only (codex) model to /v1/responses', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [RESPONSES_STREAM],
    }));
    const reply = await rig.post('/v1/chat/completions', {
      model: 'openai/gpt-5-codex-mini',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(200);
    const text = chatStreamText(reply.text);
    expect(text).toBe('Hello there');
    expect(rig.upstream.requests.map((request) => request.url)).toEqual(['/v1/responses']);
  });

  it('rejects a level the model does not support with 400 before calling the upstream', async () => {
    rig.upstream.requests.length = 0;
    const reply = await rig.post('/v1/chat/completions', {
      model: 'gpt-5-codex-mini',
      reasoning_effort: 'xhigh',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ error: { code: 'level_not_supported' } });
    expect(rig.upstream.requests).toHaveLength(0);
  });

  it('passes an upstream 429 through with its retry-after', async () => {
    rig.upstream.respond(() => ({
      status: 429,
      headers: { 'retry-after': '3' },
      chunks: ['{"error":{"message":"slow down","code":"rate_limit_exceeded"}}'],
    }));
    const reply = await rig.post('/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('3');
    expect(reply.headers.get('retry-after-ms')).toBe('3000');
    // An error names the provider that failed too.
    expect(reply.headers.get('x-switchyard-provider')).toBe('openai');
    expect(JSON.parse(reply.text)).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });
});
