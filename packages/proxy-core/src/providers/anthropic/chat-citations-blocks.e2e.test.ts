/**
 * An Anthropic answer with several cited text blocks (what a web search answer usually is), to a Chat client
 * through the official openai SDK: the streamed answer as the SDK's accumulator rebuilds it carries every block's
 * citations, equal to the non-streamed answer. Found by review: one `annotations` chunk per cited block let the
 * SDK's `Object.assign` keep only the last block's.
 */
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_CITATION } from '../../dialects/anthropic-messages/testing/citations.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import type { PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';
import { CLAUDE, claudeMessage, claudePlane, claudeStream } from './testing/claude-plane.ts';

const SECOND_CITATION = { ...WEB_CITATION, url: 'https://birds.example/routes', title: 'Routes' };
const FIRST = { type: 'text', text: 'Pelicans fly south. ', citations: [WEB_CITATION] };
const SECOND = { type: 'text', text: 'They follow the coast.', citations: [SECOND_CITATION] };
const USAGE = { input_tokens: 5, output_tokens: 9 };

const block = (index: number, type: string, fields: Record<string, unknown>): string =>
  sse.event(type, { type, index, ...fields });
const citedBlock = (index: number, text: string, citation: unknown): string =>
  block(index, 'content_block_start', { content_block: { type: 'text', text: '', citations: [] } }) +
  block(index, 'content_block_delta', { delta: { type: 'citations_delta', citation } }) +
  block(index, 'content_block_delta', { delta: { type: 'text_delta', text } }) +
  block(index, 'content_block_stop', {});

const STREAM = claudeStream(
  citedBlock(0, FIRST.text, WEB_CITATION) + citedBlock(1, SECOND.text, SECOND_CITATION),
  USAGE,
);
const MESSAGE = claudeMessage([FIRST, SECOND], USAGE);

let rig: PlaneWithUpstream;
let openai: OpenAI;
beforeAll(async () => {
  ({ rig, openai } = await claudePlane(STREAM, MESSAGE));
});
afterAll(async () => {
  await rig.close();
});

describe('citations of several Anthropic text blocks to a Chat client (official openai SDK)', () => {
  it('keeps every block’s citations in the streamed answer, equal to the non-streamed one', async () => {
    const request = { model: CLAUDE, messages: [{ role: 'user' as const, content: 'Pelicans?' }] };
    const at = FIRST.text.length;
    const expected = [
      {
        type: 'url_citation',
        url_citation: { url: WEB_CITATION.url, title: WEB_CITATION.title, start_index: 0, end_index: at },
      },
      {
        type: 'url_citation',
        url_citation: {
          url: SECOND_CITATION.url,
          title: SECOND_CITATION.title,
          start_index: at,
          end_index: at + SECOND.text.length,
        },
      },
    ];
    const whole = await openai.chat.completions.create(request);
    expect(whole.choices[0]?.message.annotations).toEqual(expected);
    const streamed = await openai.chat.completions.stream(request).finalChatCompletion();
    expect(streamed.choices[0]?.message.content).toBe(FIRST.text + SECOND.text);
    expect(streamed.choices[0]?.message.annotations).toEqual(expected);
  });
});
