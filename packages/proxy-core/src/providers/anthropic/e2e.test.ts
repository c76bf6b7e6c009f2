import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { ANTHROPIC_DEFAULTS } from './config.ts';
import { upstreamIdempotencyKey } from '../shared/request-headers.ts';
import {
  clientKeyNeverSent,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../shared/testing/plane-with-upstream.ts';

const NO_THINKING = 'claude-listed-without-thinking';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  // Keys from the environment (comma-separated) reach the x-api-key header; config keys are empty. Every default
  // Claude can think, so the operator's list adds one that cannot.
  rig = await startPlaneWithUpstream(
    (baseUrl) => ({
      anthropic: { baseUrl: `${baseUrl}/v1`, models: [...ANTHROPIC_DEFAULTS.models, { id: NO_THINKING }] },
    }),
    { ANTHROPIC_API_KEY: 'ak-one, ak-two' },
  );
});
afterAll(async () => {
  await rig.close();
});

const TOOL_STREAM =
  sse.event('message_start', { message: { content: [], usage: { input_tokens: 9, output_tokens: 1 } } }) +
  sse.event('content_block_start', {
    index: 0,
    content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
  }) +
  sse.event('content_block_delta', {
    index: 0,
    delta: { type: 'input_json_delta', partial_json: '{"city":"Pa' },
  }) +
  sse.event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: 'ris"}' } }) +
  sse.event('content_block_stop', { index: 0 }) +
  sse.event('message_delta', { delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 12 } }) +
  sse.event('message_stop', {});

describe('anthropic end to end through createModelPlane', () => {
  it('Messages client with a tool → upstream /v1/messages with x-api-key, anthropic-version and the idempotency key', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: TOOL_STREAM.match(/[\s\S]{1,50}/g) ?? [],
    }));
    const reply = await rig.post(
      '/v1/messages',
      {
        model: NO_THINKING,
        max_tokens: 256,
        stream: true,
        system: 'Be brief.',
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      },
      { 'idempotency-key': 'idem-a' },
    );
    expect(reply.status).toBe(200);
    const frames = parseSse(reply.text);
    const json = frames.flatMap((frame) =>
      frame.data === undefined ? [] : [JSON.parse(frame.data) as Record<string, unknown>],
    );
    const partial = json.flatMap((event) => {
      const delta = event['delta'] as Record<string, unknown> | undefined;
      return delta?.['type'] === 'input_json_delta' ? [delta['partial_json']] : [];
    });
    expect(partial.join('')).toBe('{"city":"Paris"}');
    expect(json.find((event) => event['type'] === 'message_delta')).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { output_tokens: 12 },
    });
    const [request] = rig.upstream.requests;
    expect(request?.url).toBe('/v1/messages');
    expect(request?.headers).toMatchObject({
      'x-api-key': 'ak-one',
      'anthropic-version': '2023-06-01',
      'idempotency-key': upstreamIdempotencyKey('test-principal', 'idem-a'),
    });
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toMatchObject({
      model: NO_THINKING,
      max_tokens: 256,
      system: [{ type: 'text', text: 'Be brief.' }],
      stream: true,
    });
    expect(clientKeyNeverSent(rig.upstream)).toBe(true);
  });

  it('rotates to the second key after a 401 on the first', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond((request) =>
      request.headers['x-api-key'] === 'ak-two'
        ? {
            chunks: [
              JSON.stringify({
                content: [{ type: 'text', text: 'ok' }],
                stop_reason: 'end_turn',
                usage: { input_tokens: 1, output_tokens: 1 },
              }),
            ],
          }
        : {
            status: 401,
            chunks: [
              '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
            ],
          },
    );
    const reply = await rig.post('/v1/messages', {
      model: NO_THINKING,
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
    });
    expect(rig.upstream.requests.map((request) => request.headers['x-api-key'])).toEqual(
      expect.arrayContaining(['ak-two']),
    );
  });

  it('rejects thinking on a model without thinking (400 thinking_not_supported) and applies it on one with', async () => {
    rig.upstream.requests.length = 0;
    const rejected = await rig.post('/v1/messages', {
      model: NO_THINKING,
      max_tokens: 5,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(rejected.status).toBe(400);
    expect(rejected.text).toContain('thinking not supported');
    rig.upstream.respond(() => ({
      chunks: [
        JSON.stringify({
          content: [{ type: 'text', text: 'ok' }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 1, output_tokens: 1 },
        }),
      ],
    }));
    const applied = await rig.post('/v1/messages', {
      model: 'claude-sonnet-4-6',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048, display: 'omitted' },
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(applied.status).toBe(200);
    expect(rig.upstream.requests.at(-1)?.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 2048, display: 'omitted' },
    });
  });

  it('respects Anthropic’s thinking rules when translating: no temperature but 1, no forced tool with thinking', async () => {
    const answer = JSON.stringify({
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 1 },
    });
    rig.upstream.respond(() => ({ chunks: [answer] }));
    const base = {
      model: 'anthropic/claude-sonnet-4-6',
      reasoning_effort: 'high',
      max_tokens: 30_000,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    };
    const cold = await rig.post('/v1/chat/completions', { ...base, temperature: 0 });
    expect(cold.status).toBe(200);
    expect(cold.headers.get('x-switchyard-dropped')).toBe('temperature');
    expect(rig.upstream.requests.at(-1)?.body).toMatchObject({ thinking: { type: 'enabled' } });
    expect(rig.upstream.requests.at(-1)?.body).not.toHaveProperty('temperature');

    const forced = await rig.post('/v1/chat/completions', { ...base, tool_choice: 'required' });
    expect(forced.status).toBe(200);
    expect(forced.headers.get('x-switchyard-thinking-adjusted')).toContain('forced tool choice');
    expect(rig.upstream.requests.at(-1)?.body).toMatchObject({
      thinking: { type: 'disabled' },
      tool_choice: { type: 'any' },
    });
  });

  describe('an effort Claude (adaptive thinking only, steered by output_config.effort)', () => {
    const okAnswer = JSON.stringify({
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 1 },
    });
    const lastBody = (): unknown => rig.upstream.requests.at(-1)?.body;

    it('turns an OpenAI effort into adaptive thinking with that effort, and drops the sampling it refuses', async () => {
      rig.upstream.respond(() => ({ chunks: [okAnswer] }));
      const reply = await rig.post('/v1/chat/completions', {
        model: 'anthropic/claude-opus-4-7',
        reasoning_effort: 'high',
        temperature: 0.2,
        top_p: 0.9,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-switchyard-dropped')).toBe('temperature, top_p');
      expect(lastBody()).toMatchObject({ thinking: { type: 'adaptive' }, output_config: { effort: 'high' } });
      expect(lastBody()).not.toHaveProperty('temperature');
      expect(lastBody()).not.toHaveProperty('top_p');
      expect(lastBody()).not.toHaveProperty('thinking.budget_tokens');
    });

    it('turns a Messages budget into the nearest effort, keeping the client’s other output_config settings', async () => {
      rig.upstream.respond(() => ({ chunks: [okAnswer] }));
      const format = { type: 'json_schema', schema: { type: 'object' } };
      const reply = await rig.post('/v1/messages', {
        model: 'claude-haiku-5-5',
        max_tokens: 8000,
        thinking: { type: 'enabled', budget_tokens: 3000 },
        output_config: { format },
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-switchyard-thinking-adjusted')).toContain(
        'budget 3000 converted to level "medium"',
      );
      expect(lastBody()).toMatchObject({
        thinking: { type: 'adaptive' },
        output_config: { format, effort: 'medium' },
      });
    });

    it('passes a Messages client’s own adaptive thinking (its display included) and effort through unchanged', async () => {
      rig.upstream.respond(() => ({ chunks: [okAnswer] }));
      const reply = await rig.post('/v1/messages', {
        model: 'claude-opus-4-7',
        max_tokens: 8000,
        thinking: { type: 'adaptive', display: 'updates' },
        output_config: { effort: 'xhigh' },
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-switchyard-thinking-adjusted')).toBeNull();
      expect(lastBody()).toMatchObject({
        thinking: { type: 'adaptive', display: 'updates' },
        output_config: { effort: 'xhigh' },
      });
    });

    it('shows a Responses client the reasoning summary it asked for (display summarized, not the model’s omitted)', async () => {
      rig.upstream.respond(() => ({ chunks: [okAnswer] }));
      const reply = await rig.post('/v1/responses', {
        model: 'anthropic/claude-opus-4-7',
        reasoning: { effort: 'medium', summary: 'auto' },
        input: 'hi',
      });
      expect(reply.status).toBe(200);
      expect(lastBody()).toMatchObject({
        thinking: { type: 'adaptive', display: 'summarized' },
        output_config: { effort: 'medium' },
      });
    });

    it('sends no thinking field for "off" (the model refuses disabled) and says so', async () => {
      rig.upstream.respond(() => ({ chunks: [okAnswer] }));
      const reply = await rig.post('/v1/messages', {
        model: 'claude-opus-5-5',
        max_tokens: 100,
        thinking: { type: 'disabled' },
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-switchyard-thinking-adjusted')).toMatch(
        /^defaulted: thinking cannot be switched off on claude-opus-5-5/,
      );
      expect(lastBody()).not.toHaveProperty('thinking');
      expect(lastBody()).not.toHaveProperty('output_config');
    });

    it('refuses an effort the model lacks with a 400 that lists the ones it has', async () => {
      const before = rig.upstream.requests.length;
      const reply = await rig.post('/v1/chat/completions', {
        model: 'anthropic/claude-sonnet-5-5',
        reasoning_effort: 'minimal',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(reply.status).toBe(400);
      expect(reply.text).toContain('valid levels: low, medium, high, xhigh, max');
      expect(rig.upstream.requests.length).toBe(before);
    });
  });

  it('answers adaptive thinking on a model that cannot think without thinking, and says so in a header', async () => {
    rig.upstream.respond(() => ({
      chunks: [
        JSON.stringify({
          content: [{ type: 'text', text: 'ok' }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 1, output_tokens: 1 },
        }),
      ],
    }));
    const reply = await rig.post('/v1/messages', {
      model: NO_THINKING,
      max_tokens: 5,
      thinking: { type: 'adaptive', display: 'omitted' },
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-thinking-adjusted')).toMatch(/^defaulted: adaptive thinking/);
    expect(rig.upstream.requests.at(-1)?.body).not.toHaveProperty('thinking');
  });

  it('answers an overloaded error inside a 200 stream, before any content, as an HTTP 529 the client can retry', async () => {
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        sse.event('message_start', { message: { content: [], usage: { input_tokens: 1 } } }),
        sse.event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
      ],
    }));
    const reply = await rig.post('/v1/messages', {
      model: NO_THINKING,
      max_tokens: 5,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.status).toBe(529);
    expect(JSON.parse(reply.text)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('fails the client stream when the upstream sends an overloaded error after content', async () => {
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        sse.event('message_start', { message: { content: [], usage: { input_tokens: 1 } } }),
        sse.event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        sse.event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hel' } }),
        sse.event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
      ],
    }));
    const reply = await rig.post('/v1/messages', {
      model: NO_THINKING,
      max_tokens: 5,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const events = parseSse(reply.text).map((frame) => frame.event);
    expect(events).toContain('error');
    expect(events).not.toContain('message_stop');
    expect(reply.text).toContain('overloaded_error');
  });
});
