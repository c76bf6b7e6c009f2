/**
 * Issue 13 (canonical stream v2): the upstream's response metadata reaches the dialects' slots for it — the model
 * that really answered in Chat's `model` (and its completion id), legacy Completions' `model`, Responses' `model`, Anthropic's `message.model`
 * and Gemini's `modelVersion` — the same streamed and not, through the real plane; the thinking adjustments still
 * travel as `x-switchyard-thinking-adjusted`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, parseSse } from './testing/sse.ts';
import { sse } from '../providers/shared/testing/loopback-upstream.ts';
import {
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';

const UPSTREAM_MODEL = 'deepseek-chat-v3-0324';
const UPSTREAM_ID = 'chatcmpl-upstream-1';

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  sse.data({
    id: UPSTREAM_ID,
    object: 'chat.completion.chunk',
    created: 1,
    model: UPSTREAM_MODEL,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

const STREAMED =
  chunk({ role: 'assistant', content: '' }) +
  chunk({ content: 'Hello' }) +
  chunk({}, 'stop') +
  sse.data({ id: UPSTREAM_ID, choices: [], usage: { prompt_tokens: 3, completion_tokens: 1 } }) +
  sse.data('[DONE]');

const WHOLE = JSON.stringify({
  id: UPSTREAM_ID,
  object: 'chat.completion',
  created: 1,
  model: UPSTREAM_MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1 },
});

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({ deepseek: { baseUrl, keys: ['ds-key'] } }));
  rig.upstream.respond((request) =>
    (request.body as { stream?: boolean }).stream === true
      ? { headers: { 'content-type': 'text/event-stream' }, chunks: [STREAMED] }
      : { headers: { 'content-type': 'application/json' }, chunks: [WHOLE] },
  );
});
afterAll(async () => {
  await rig.close();
});

const MODEL = 'deepseek/deepseek-chat';
const messages = [{ role: 'user', content: 'hi' }];

async function both(path: string, body: Record<string, unknown>) {
  const whole = JSON.parse((await rig.post(path, { ...body, stream: false })).text) as Record<
    string,
    unknown
  >;
  const streamed = jsonData(parseSse((await rig.post(path, { ...body, stream: true })).text));
  return { whole, streamed };
}

describe('the model that really answered', () => {
  it('Chat: every chunk and the completion name the upstream model and completion id', async () => {
    const { whole, streamed } = await both('/v1/chat/completions', { model: MODEL, messages });
    expect(whole).toMatchObject({ model: UPSTREAM_MODEL, id: UPSTREAM_ID });
    const chunks = streamed.filter((data) => data['object'] === 'chat.completion.chunk');
    expect(chunks.length).toBeGreaterThan(1);
    for (const data of chunks) expect(data).toMatchObject({ model: UPSTREAM_MODEL, id: UPSTREAM_ID });
  });

  it("legacy Completions: every chunk and the completion name the upstream model (the id stays the proxy's cmpl-)", async () => {
    const { whole, streamed } = await both('/v1/completions', { model: MODEL, prompt: 'hi' });
    expect(whole).toMatchObject({ object: 'text_completion', model: UPSTREAM_MODEL });
    expect(String(whole['id'])).not.toBe(UPSTREAM_ID);
    const chunks = streamed.filter((data) => data['object'] === 'text_completion');
    expect(chunks.length).toBeGreaterThan(1);
    for (const data of chunks) expect(data['model']).toBe(UPSTREAM_MODEL);
  });

  it("Responses: the response's model, streamed and not (its id stays the proxy's, for continuations)", async () => {
    const { whole, streamed } = await both('/v1/responses', { model: MODEL, input: 'hi' });
    expect(whole['model']).toBe(UPSTREAM_MODEL);
    expect(String(whole['id'])).toMatch(/^resp_/);
    const created = streamed.find((data) => data['type'] === 'response.created');
    const completed = streamed.find((data) => data['type'] === 'response.completed');
    expect(created?.['response']).toMatchObject({ model: UPSTREAM_MODEL });
    expect(completed?.['response']).toMatchObject({ model: UPSTREAM_MODEL });
  });

  it('Anthropic: message.model in the message and in message_start', async () => {
    const { whole, streamed } = await both('/v1/messages', { model: MODEL, max_tokens: 16, messages });
    expect(whole['model']).toBe(UPSTREAM_MODEL);
    const start = streamed.find((data) => data['type'] === 'message_start');
    expect(start?.['message']).toMatchObject({ model: UPSTREAM_MODEL });
    expect(streamed[0]?.['type']).toBe('message_start');
  });
});
