/**
 * Annotations in an OpenAI Chat Completions answer (its search models), through the whole plane: a Chat client
 * gets `message.annotations` as OpenAI sent them, streamed (a content-less chunk with `delta.annotations`, as
 * OpenAI sends it) and not; a Responses client gets the same pages as `url_citation` annotations.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import {
  CLIENT_KEY,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../shared/testing/plane-with-upstream.ts';
import { OPENAI_DEFAULTS } from './config.ts';

const MODEL = 'openai/gpt-6-luna';
const TEXT = 'Pelicans fly south.';
const PAGE = { url: 'https://birds.example/pelicans', title: 'Pelicans', start_index: 0, end_index: 19 };
const ANNOTATIONS = [{ type: 'url_citation', url_citation: PAGE }];

const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
  sse.data({
    id: 'chatcmpl-u',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-6-luna',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
const STREAM =
  chunk({ role: 'assistant', content: 'Pelicans ' }) +
  chunk({ content: 'fly south.' }) +
  chunk({ annotations: ANNOTATIONS }) +
  chunk({}, 'stop') +
  sse.data('[DONE]');
const COMPLETION = {
  id: 'chatcmpl-u',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-6-luna',
  choices: [
    {
      index: 0,
      finish_reason: 'stop',
      message: { role: 'assistant', content: TEXT, annotations: ANNOTATIONS },
    },
  ],
  usage: { prompt_tokens: 3, completion_tokens: 4 },
};

let rig: PlaneWithUpstream;
let openai: OpenAI;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    // Every client's answer comes from Chat Completions, so each dialect meets its annotations.
    openai: {
      baseUrl: `${baseUrl}/v1`,
      keys: ['sk-upstream-openai'],
      models: OPENAI_DEFAULTS.models,
      api: 'chat',
    },
  }));
  openai = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${rig.plane.url}/v1`, maxRetries: 0 });
  rig.upstream.respond((request) =>
    (request.body as { stream?: boolean }).stream === true
      ? { headers: { 'content-type': 'text/event-stream' }, chunks: [STREAM] }
      : { chunks: [JSON.stringify(COMPLETION)] },
  );
});
afterAll(async () => {
  await rig.close();
});

const QUESTION = 'Where do pelicans go?';

describe('annotations in an OpenAI Chat Completions answer', () => {
  it('reach a Chat client as OpenAI sent them, streamed and not', async () => {
    const chat = { model: MODEL, messages: [{ role: 'user' as const, content: QUESTION }] };
    const whole = await openai.chat.completions.create(chat);
    expect(whole.choices[0]?.message.annotations).toEqual(ANNOTATIONS);
    const chunks = jsonData(
      parseSse((await rig.post('/v1/chat/completions', { ...chat, stream: true })).text),
    );
    const streamed = chunks.flatMap(
      (each) => (each['choices'] as { delta?: { annotations?: unknown[] } }[])[0]?.delta?.annotations ?? [],
    );
    expect(streamed).toEqual(ANNOTATIONS);
  });

  it('reach a Responses client as url_citation annotations, streamed and not', async () => {
    const request = { model: MODEL, input: QUESTION };
    const expected = [{ type: 'url_citation', ...PAGE }];
    for (const response of [
      await openai.responses.create(request),
      await openai.responses.stream(request).finalResponse(),
    ]) {
      const message = response.output.find((item) => item.type === 'message');
      const text = message?.type === 'message' ? message.content[0] : undefined;
      expect(text?.type === 'output_text' ? text.annotations : undefined).toEqual(expected);
    }
  });
});
