/**
 * Claude Code's web search, answered: Anthropic ran its web_search server tool and its answer holds the call, the
 * results and the text. Through the whole plane, a Messages client gets the three blocks in order and intact,
 * streamed (rebuilt by the official SDK's own accumulator) and not; a client of another dialect never asked for
 * the tool and gets the text alone.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEARCH_CALL,
  SEARCH_RESULT,
  WEB_SEARCH_TOOL,
} from '../../dialects/anthropic-messages/testing/web-search.ts';
import { chatStreamText, jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import type { PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';
import { CLAUDE, claudeMessage, claudePlane, claudeStream } from './testing/claude-plane.ts';

const TEXT = { type: 'text', text: 'South, mostly.' };
const USAGE = { input_tokens: 12, output_tokens: 7 };

/** Anthropic's stream: the call's input in pieces (an empty one first, as Anthropic sends), the results whole. */
const STREAM = claudeStream(
  sse.event('content_block_start', { index: 0, content_block: { ...SEARCH_CALL, input: {} } }) +
    sse.event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '' } }) +
    sse.event('content_block_delta', {
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"query": "pelican' },
    }) +
    sse.event('content_block_delta', {
      index: 0,
      delta: { type: 'input_json_delta', partial_json: ' migration"}' },
    }) +
    sse.event('content_block_stop', { index: 0 }) +
    sse.event('content_block_start', { index: 1, content_block: SEARCH_RESULT }) +
    sse.event('content_block_stop', { index: 1 }) +
    sse.event('content_block_start', { index: 2, content_block: { type: 'text', text: '' } }) +
    sse.event('content_block_delta', { index: 2, delta: { type: 'text_delta', text: 'South, ' } }) +
    sse.event('content_block_delta', { index: 2, delta: { type: 'text_delta', text: 'mostly.' } }) +
    sse.event('content_block_stop', { index: 2 }),
  USAGE,
);

const MESSAGE = claudeMessage([SEARCH_CALL, SEARCH_RESULT, TEXT], USAGE);

let rig: PlaneWithUpstream;
let anthropic: Anthropic;
beforeAll(async () => {
  ({ rig, anthropic } = await claudePlane(STREAM, MESSAGE));
});
afterAll(async () => {
  await rig.close();
});

const SEARCH_REQUEST = {
  model: CLAUDE,
  max_tokens: 512,
  tools: [WEB_SEARCH_TOOL],
  messages: [{ role: 'user' as const, content: 'Where do pelicans migrate?' }],
};

/** What a client sees of the blocks: the proxy's text block names its (absent) citations, Anthropic's may not. */
function withoutNullCitations(blocks: readonly unknown[]): unknown[] {
  return blocks.map((block) => {
    const { citations, ...rest } = block as Record<string, unknown>;
    return citations === null ? rest : block;
  });
}

describe("Anthropic's server-tool blocks in an answer", () => {
  it('reach a streaming Messages client in order and intact, as the official SDK accumulates them', async () => {
    const message = await anthropic.messages
      .stream(SEARCH_REQUEST as Anthropic.MessageCreateParams)
      .finalMessage();
    expect(withoutNullCitations(message.content)).toEqual([SEARCH_CALL, SEARCH_RESULT, TEXT]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('are streamed whole in their start, with consecutive block indices', async () => {
    const reply = await rig.post('/v1/messages', { ...SEARCH_REQUEST, stream: true });
    const blockEvents = jsonData(parseSse(reply.text))
      .filter((event) => String(event['type']).startsWith('content_block_'))
      .map((event) => [event['type'], event['index']]);
    expect(blockEvents).toEqual([
      ['content_block_start', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_stop', 1],
      ['content_block_start', 2],
      ['content_block_delta', 2],
      ['content_block_delta', 2],
      ['content_block_stop', 2],
    ]);
  });

  it('reach a non-streaming Messages client in `content`, in order and intact', async () => {
    const message = await anthropic.messages.create(
      SEARCH_REQUEST as Anthropic.MessageCreateParamsNonStreaming,
    );
    expect(withoutNullCitations(message.content)).toEqual([SEARCH_CALL, SEARCH_RESULT, TEXT]);
  });

  it('are left out for a Chat client, which gets the text alone, streamed and not', async () => {
    const chat = { model: CLAUDE, messages: [{ role: 'user', content: 'Where do pelicans migrate?' }] };
    const whole = await rig.post('/v1/chat/completions', chat);
    expect(JSON.parse(whole.text)).toMatchObject({
      choices: [{ message: { role: 'assistant', content: TEXT.text } }],
    });
    const streamed = await rig.post('/v1/chat/completions', { ...chat, stream: true });
    expect(chatStreamText(streamed.text)).toBe(TEXT.text);
  });

  it('are left out for a Responses client, which gets one message, streamed and not', async () => {
    const request = { model: CLAUDE, input: 'Where do pelicans migrate?' };
    const whole = JSON.parse((await rig.post('/v1/responses', request)).text) as {
      output: { type: string }[];
    };
    expect(whole.output.map((item) => item.type)).toEqual(['message']);
    const streamed = jsonData(parseSse((await rig.post('/v1/responses', { ...request, stream: true })).text));
    const added = streamed.filter((event) => event['type'] === 'response.output_item.added');
    expect(added.map((event) => (event['item'] as { type: string }).type)).toEqual(['message']);
  });
});
