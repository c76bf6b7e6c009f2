/**
 * Annotations in an OpenAI Responses answer, through the whole plane: a Responses client gets every annotation
 * of the `output_text` as OpenAI sent it — streamed as `response.output_text.annotation.added` events and in the
 * finished items, and not streamed; a Chat client gets the URL citations as `message.annotations`, streamed and
 * not; a Messages client gets none (Anthropic's citation types need what OpenAI does not give).
 */
import Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatStreamAnnotations, jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { CLIENT_KEY, type PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';
import { outputTexts } from '../shared/testing/responses-output.ts';
import { openAiPlaneOn } from './testing/plane-on-api.ts';

const MODEL = 'openai/gpt-6-luna';
const TEXT = 'Switchyard routes requests.';
const URL_ANNOTATION = {
  type: 'url_citation',
  url: 'https://switchyard.example/docs',
  title: 'Switchyard docs',
  start_index: 11,
  end_index: 26,
};
/** A file citation: only a Responses client has a shape for it. */
const FILE_ANNOTATION = { type: 'file_citation', file_id: 'file-1', filename: 'notes.md', index: 26 };
const ANNOTATIONS = [URL_ANNOTATION, FILE_ANNOTATION];
const OUTPUT_TEXT = { type: 'output_text', text: TEXT, annotations: ANNOTATIONS, logprobs: [] };
const MESSAGE_ITEM = {
  id: 'msg_u',
  type: 'message',
  status: 'completed',
  role: 'assistant',
  content: [OUTPUT_TEXT],
};
const ids = { item_id: 'msg_u', output_index: 0, content_index: 0 };

const STREAM =
  sse.event('response.created', { response: { status: 'in_progress' } }) +
  sse.event('response.output_item.added', { output_index: 0, item: { ...MESSAGE_ITEM, content: [] } }) +
  sse.event('response.content_part.added', { ...ids, part: { ...OUTPUT_TEXT, text: '', annotations: [] } }) +
  sse.event('response.output_text.delta', { ...ids, delta: 'Switchyard routes ' }) +
  sse.event('response.output_text.annotation.added', {
    ...ids,
    annotation_index: 0,
    annotation: URL_ANNOTATION,
  }) +
  sse.event('response.output_text.delta', { ...ids, delta: 'requests.' }) +
  sse.event('response.output_text.annotation.added', {
    ...ids,
    annotation_index: 1,
    annotation: FILE_ANNOTATION,
  }) +
  sse.event('response.output_text.done', { ...ids, text: TEXT }) +
  sse.event('response.content_part.done', { ...ids, part: OUTPUT_TEXT }) +
  sse.event('response.output_item.done', { output_index: 0, item: MESSAGE_ITEM }) +
  sse.event('response.completed', { response: { status: 'completed', output: [MESSAGE_ITEM], usage: {} } });

const RESPONSE = { id: 'resp_u', object: 'response', status: 'completed', output: [MESSAGE_ITEM], usage: {} };

let rig: PlaneWithUpstream;
let openai: OpenAI;
let anthropic: Anthropic;
beforeAll(async () => {
  ({ rig, openai } = await openAiPlaneOn('responses', STREAM, RESPONSE));
  anthropic = new Anthropic({ apiKey: CLIENT_KEY, baseURL: rig.plane.url, maxRetries: 0 });
});
afterAll(async () => {
  await rig.close();
});

const REQUEST = { model: MODEL, input: 'What does Switchyard do?' };

describe('annotations in an OpenAI Responses answer', () => {
  it('reach a Responses client verbatim, streamed (as the SDK accumulates them) and not alike', async () => {
    expect(outputTexts(await openai.responses.create(REQUEST))).toEqual([[TEXT, ANNOTATIONS]]);
    expect(outputTexts(await openai.responses.stream(REQUEST).finalResponse())).toEqual([
      [TEXT, ANNOTATIONS],
    ]);
  });

  it('are relayed to a streaming Responses client as annotation.added events, in order', async () => {
    const reply = await rig.post('/v1/responses', { ...REQUEST, stream: true });
    const added = jsonData(parseSse(reply.text)).filter(
      (event) => event['type'] === 'response.output_text.annotation.added',
    );
    expect(added.map((event) => [event['annotation_index'], event['annotation']])).toEqual([
      [0, URL_ANNOTATION],
      [1, FILE_ANNOTATION],
    ]);
  });

  it('reach a Chat client as its url_citation annotations, streamed and not', async () => {
    const chat = { model: MODEL, messages: [{ role: 'user', content: REQUEST.input }] };
    const { type: _type, ...urlCitation } = URL_ANNOTATION;
    const expected = [{ type: 'url_citation', url_citation: urlCitation }];
    const whole = JSON.parse((await rig.post('/v1/chat/completions', chat)).text) as {
      choices: { message: { annotations?: unknown } }[];
    };
    expect(whole.choices[0]?.message.annotations).toEqual(expected);
    const streamed = await rig.post('/v1/chat/completions', { ...chat, stream: true });
    expect(chatStreamAnnotations(streamed.text)).toEqual(expected);
  });

  it('are left out for a Messages client, streamed and not', async () => {
    const request = {
      model: MODEL,
      max_tokens: 256,
      messages: [{ role: 'user' as const, content: REQUEST.input }],
    };
    const whole = await anthropic.messages.create(request);
    const streamed = await anthropic.messages.stream(request).finalMessage();
    expect(whole.content).toEqual([{ type: 'text', text: TEXT, citations: null }]);
    expect(streamed.content).toEqual(whole.content);
  });
});
