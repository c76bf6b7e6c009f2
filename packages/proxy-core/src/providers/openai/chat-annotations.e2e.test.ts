/**
 * Annotations in an OpenAI Chat Completions answer (its search models), through the whole plane: a Chat client
 * gets `message.annotations` as OpenAI sent them, streamed (a content-less chunk with `delta.annotations`, as
 * OpenAI sends it) and not; a Responses client gets the same pages as `url_citation` annotations.
 */
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatStreamAnnotations } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import type { PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';
import { outputTexts } from '../shared/testing/responses-output.ts';
import { openAiPlaneOn } from './testing/plane-on-api.ts';

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
  ({ rig, openai } = await openAiPlaneOn('chat', STREAM, COMPLETION));
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
    const streamed = await rig.post('/v1/chat/completions', { ...chat, stream: true });
    expect(chatStreamAnnotations(streamed.text)).toEqual(ANNOTATIONS);
  });

  it('reach a Responses client as url_citation annotations, streamed and not', async () => {
    const request = { model: MODEL, input: QUESTION };
    const expected = [{ type: 'url_citation', ...PAGE }];
    expect(outputTexts(await openai.responses.create(request))).toEqual([[TEXT, expected]]);
    expect(outputTexts(await openai.responses.stream(request).finalResponse())).toEqual([[TEXT, expected]]);
  });
});
