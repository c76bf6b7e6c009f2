/**
 * DeepSeek's `finish_reason: "insufficient_system_resource"` means the provider cut the answer, not that it was done.
 * Through the real plane and a loopback upstream: before any byte reached the client it fails over like a 503 (the
 * fallback's full answer is served), streamed or not; after content it is a clean error in the client's dialect,
 * never a truncated success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, parseSse } from '../../../model-plane/testing/sse.ts';
import { sse } from '../testing/loopback-upstream.ts';
import { startPlaneWithUpstream, type PlaneWithUpstream } from '../testing/plane-with-upstream.ts';

const CUT = 'insufficient_system_resource';
const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
  sse.data({ id: 'c1', model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason: finish }] });
const whole = (content: string, finish: string): string =>
  JSON.stringify({
    id: 'c1',
    model: 'deepseek-chat',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
    usage: { prompt_tokens: 3, completion_tokens: 2 },
  });

/** What the DeepSeek upstream does next, per test. */
let deepseek: 'cut-after-content' | 'cut-before-content' = 'cut-after-content';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    deepseek: { baseUrl: `${baseUrl}/deepseek`, keys: ['deepseek-key'] },
    kimi: { baseUrl: `${baseUrl}/kimi`, keys: ['kimi-key'] },
  }));
  rig.upstream.respond((request) => {
    const streamed = (request.body as { stream?: boolean }).stream === true;
    if (request.url.startsWith('/kimi')) {
      return streamed
        ? {
            headers: { 'content-type': 'text/event-stream' },
            chunks: [chunk({ content: 'whole answer' }) + chunk({}, 'stop') + sse.data('[DONE]')],
          }
        : { headers: { 'content-type': 'application/json' }, chunks: [whole('whole answer', 'stop')] };
    }
    const content = deepseek === 'cut-after-content' ? 'Hal' : '';
    return streamed
      ? {
          headers: { 'content-type': 'text/event-stream' },
          chunks: [chunk({ role: 'assistant', content }) + chunk({}, CUT) + sse.data('[DONE]')],
        }
      : { headers: { 'content-type': 'application/json' }, chunks: [whole(content, CUT)] };
  });
});
afterAll(async () => {
  await rig.close();
});

const request = (stream: boolean) => ({
  model: 'deepseek/deepseek-chat',
  stream,
  messages: [{ role: 'user', content: 'hi' }],
});
const fallback = { 'x-switchyard-fallback': 'kimi/kimi-k2' };

describe('an answer the provider cut short (insufficient_system_resource)', () => {
  it.each([false, true])('fails over before any byte reached the client (streamed: %s)', async (stream) => {
    deepseek = 'cut-before-content';
    rig.upstream.requests.length = 0;
    const reply = await rig.post('/v1/chat/completions', request(stream), fallback);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-provider')).toBe('kimi');
    expect(reply.text).toContain('whole answer');
    expect(rig.upstream.requests.map((sent) => sent.url.split('/')[1])).toEqual(['deepseek', 'kimi']);
  });

  it('is a 503 upstream_incomplete, not a success, when nothing can take over (not streamed)', async () => {
    deepseek = 'cut-after-content';
    const reply = await rig.post('/v1/chat/completions', request(false));
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.text)).toMatchObject({ error: { code: 'upstream_incomplete' } });
  });

  it('ends a stream whose content already went out with an error frame, never a stop', async () => {
    deepseek = 'cut-after-content';
    const reply = await rig.post('/v1/chat/completions', request(true));
    expect(reply.status).toBe(200);
    const frames = jsonData(parseSse(reply.text));
    expect(frames.some((frame) => JSON.stringify(frame).includes('"Hal"'))).toBe(true);
    expect(frames.at(-1)).toMatchObject({ error: { code: 'upstream_incomplete' } });
    expect(JSON.stringify(frames)).not.toContain('"finish_reason":"stop"');
    expect(reply.text).not.toContain('[DONE]');
  });

  it('is a clean Anthropic error event for a Messages client, never an end_turn', async () => {
    deepseek = 'cut-after-content';
    const reply = await rig.post('/v1/messages', { ...request(true), max_tokens: 50 });
    const events = parseSse(reply.text).map((event) => event.event);
    expect(events).toContain('error');
    expect(reply.text).not.toContain('end_turn');
    expect(events).not.toContain('message_stop');
  });
});
