import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import {
  clientKeyNeverSent,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../shared/testing/plane-with-upstream.ts';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    kimi: { baseUrl: `${baseUrl}/kimi/v1`, keys: ['kimi-key'] },
    qwen: { baseUrl: `${baseUrl}/qwen/v1`, keys: ['qwen-key'] },
    deepseek: { baseUrl: `${baseUrl}/deepseek/v1`, keys: ['deepseek-key'] },
  }));
});
afterAll(async () => {
  await rig.close();
});

const STREAM =
  sse.data({ choices: [{ index: 0, delta: { role: 'assistant', content: 'pong' }, finish_reason: null }] }) +
  sse.data({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) +
  sse.data({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 1 } }) +
  sse.data('[DONE]');

describe('openai-compatible end to end through createModelPlane', () => {
  it.each([
    ['kimi', 'kimi-k2'],
    ['qwen', 'qwen3-coder-flash'],
    ['deepseek', 'deepseek-v3'],
  ])('%s: streamed chat → {baseUrl}/chat/completions with its own Bearer key', async (provider, model) => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [STREAM.slice(0, 25), STREAM.slice(25)],
    }));
    const reply = await rig.post(
      '/v1/chat/completions',
      {
        model: `${provider}/${model}`,
        stream: true,
        max_tokens: 7,
        messages: [{ role: 'user', content: 'ping' }],
      },
      { 'idempotency-key': 'idem-c' },
    );
    expect(reply.status).toBe(200);
    const chunks = jsonData(parseSse(reply.text));
    expect(
      chunks
        .map((chunk) => (chunk['choices'] as { delta?: { content?: string } }[])[0]?.delta?.content ?? '')
        .join(''),
    ).toBe('pong');
    const [request] = rig.upstream.requests;
    expect(request?.url).toBe(`/${provider}/v1/chat/completions`);
    expect(request?.headers.authorization).toBe(`Bearer ${provider}-key`);
    expect(request?.headers['idempotency-key']).toBeUndefined();
    expect(request?.body).toMatchObject({
      model,
      max_tokens: 7,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(clientKeyNeverSent(rig.upstream)).toBe(true);
  });

  it('reports a stream cut before its finish as an error, never a truncated success', async () => {
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [sse.data({ choices: [{ index: 0, delta: { content: 'half' } }] })],
    }));
    const reply = await rig.post('/v1/chat/completions', {
      model: 'kimi-k2',
      stream: true,
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(reply.text).toContain('stream_truncated');
    expect(reply.text).not.toContain('[DONE]');
  });

  it('Responses client → the compatible upstream speaks Chat Completions (no N×M: one canonical hop)', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      chunks: [
        JSON.stringify({
          choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1 },
        }),
      ],
    }));
    const reply = await rig.post('/v1/responses', {
      model: 'qwen3-coder-flash',
      input: 'ping',
      instructions: 'Be brief.',
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({
      status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'hi' }] }],
    });
    expect(rig.upstream.requests[0]?.body).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'ping' },
      ],
    });
  });
});
