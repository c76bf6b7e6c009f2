/**
 * Citations in an Anthropic answer, through the whole plane: a Messages client gets each text block's
 * `citations` as Anthropic sent them — streamed as `citations_delta` events the official SDK adds to the block,
 * and not streamed — while a Responses or Chat client gets the web pages cited as its own URL citations over the
 * cited text, the same streamed and not. A document citation has no OpenAI shape and reaches neither.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CITED_ANSWER,
  CITED_TEXT,
  DOCUMENT_CITATION,
  PLAIN_TEXT,
  WEB_CITATION,
} from '../../dialects/anthropic-messages/testing/citations.ts';
import {
  SEARCH_CALL,
  SEARCH_RESULT,
  WEB_SEARCH_TOOL,
} from '../../dialects/anthropic-messages/testing/web-search.ts';
import { chatStreamAnnotations, jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import type { PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';
import { outputTexts } from '../shared/testing/responses-output.ts';
import { CLAUDE, claudeMessage, claudePlane, claudeStream } from './testing/claude-plane.ts';

const USAGE = { input_tokens: 12, output_tokens: 9 };
const block = (index: number, type: string, fields: Record<string, unknown>): string =>
  sse.event(type, { type, index, ...fields });

/** Anthropic's stream: a cited block opens with an empty list, then one `citations_delta` per citation. */
const STREAM = claudeStream(
  block(0, 'content_block_start', { content_block: SEARCH_CALL }) +
    block(0, 'content_block_stop', {}) +
    block(1, 'content_block_start', { content_block: SEARCH_RESULT }) +
    block(1, 'content_block_stop', {}) +
    block(2, 'content_block_start', { content_block: { type: 'text', text: '' } }) +
    block(2, 'content_block_delta', { delta: { type: 'text_delta', text: PLAIN_TEXT.text } }) +
    block(2, 'content_block_stop', {}) +
    block(3, 'content_block_start', { content_block: { type: 'text', text: '', citations: [] } }) +
    block(3, 'content_block_delta', { delta: { type: 'citations_delta', citation: WEB_CITATION } }) +
    block(3, 'content_block_delta', { delta: { type: 'citations_delta', citation: DOCUMENT_CITATION } }) +
    block(3, 'content_block_delta', { delta: { type: 'text_delta', text: 'they fly ' } }) +
    block(3, 'content_block_delta', { delta: { type: 'text_delta', text: 'south.' } }) +
    block(3, 'content_block_stop', {}),
  USAGE,
);

const MESSAGE = claudeMessage(CITED_ANSWER, USAGE);

let rig: PlaneWithUpstream;
let anthropic: Anthropic;
let openai: OpenAI;
beforeAll(async () => {
  ({ rig, anthropic, openai } = await claudePlane(STREAM, MESSAGE));
});
afterAll(async () => {
  await rig.close();
});

const QUESTION = 'Where do pelicans go in winter?';
const SEARCH_REQUEST = {
  model: CLAUDE,
  max_tokens: 512,
  tools: [WEB_SEARCH_TOOL],
  messages: [{ role: 'user' as const, content: QUESTION }],
} as Anthropic.MessageCreateParamsNonStreaming;

/** The web page as an OpenAI URL citation: Anthropic cites the whole block, so its whole text. */
const URL_CITATION = { url: WEB_CITATION.url, title: WEB_CITATION.title };

describe('citations in an Anthropic answer', () => {
  it('reach a streaming Messages client as the official SDK accumulates them, equal to the upstream blocks', async () => {
    const message = await anthropic.messages.stream(SEARCH_REQUEST).finalMessage();
    expect(message.content).toEqual(CITED_ANSWER);
  });

  it('are streamed as one citations_delta per citation, inside their block', async () => {
    const reply = await rig.post('/v1/messages', { ...SEARCH_REQUEST, stream: true });
    const cited = jsonData(parseSse(reply.text)).filter(
      (event) => event['index'] === 3 && String(event['type']).startsWith('content_block_'),
    );
    const deltas = cited.flatMap((event) => {
      const delta = event['delta'] as { type: string; citation?: unknown } | undefined;
      return delta?.type === 'citations_delta' ? [delta.citation] : [];
    });
    expect(deltas).toEqual([WEB_CITATION, DOCUMENT_CITATION]);
    expect(cited.at(-1)?.['type']).toBe('content_block_stop');
  });

  it('reach a non-streaming Messages client on their text blocks, verbatim', async () => {
    const message = await anthropic.messages.create(SEARCH_REQUEST);
    expect(message.content).toEqual(CITED_ANSWER);
  });

  it('reach a Responses client as url_citation annotations over the cited text, streamed and not alike', async () => {
    const request = { model: CLAUDE, input: QUESTION };
    const whole = await openai.responses.create(request);
    const streamed = await openai.responses.stream(request).finalResponse();
    const expected = [
      [PLAIN_TEXT.text, []],
      [
        CITED_TEXT.text,
        [{ type: 'url_citation', ...URL_CITATION, start_index: 0, end_index: CITED_TEXT.text.length }],
      ],
    ];
    expect(outputTexts(whole)).toEqual(expected);
    expect(outputTexts(streamed)).toEqual(expected);
  });

  it('are announced to a streaming Responses client before the cited text is done', async () => {
    const reply = await rig.post('/v1/responses', { model: CLAUDE, input: QUESTION, stream: true });
    const events = jsonData(parseSse(reply.text)).filter((event) => event['output_index'] === 1);
    const types = events.map((event) => event['type']);
    const added = events.find((event) => event['type'] === 'response.output_text.annotation.added');
    expect(added).toMatchObject({ content_index: 0, annotation_index: 0, annotation: URL_CITATION });
    expect(types.indexOf('response.output_text.annotation.added')).toBeLessThan(
      types.indexOf('response.output_text.done'),
    );
  });

  it('reach a Chat client as message annotations spanning the cited text in the whole content, streamed and not', async () => {
    const chat = { model: CLAUDE, messages: [{ role: 'user', content: QUESTION }] };
    const start = PLAIN_TEXT.text.length;
    const expected = [
      {
        type: 'url_citation',
        url_citation: { ...URL_CITATION, start_index: start, end_index: start + CITED_TEXT.text.length },
      },
    ];
    const whole = JSON.parse((await rig.post('/v1/chat/completions', chat)).text) as {
      choices: { message: { content: string; annotations?: unknown } }[];
    };
    expect(whole.choices[0]?.message).toMatchObject({
      content: PLAIN_TEXT.text + CITED_TEXT.text,
      annotations: expected,
    });
    const streamed = await rig.post('/v1/chat/completions', { ...chat, stream: true });
    expect(chatStreamAnnotations(streamed.text)).toEqual(expected);
  });
});
