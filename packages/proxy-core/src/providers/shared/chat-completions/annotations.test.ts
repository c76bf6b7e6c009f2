import { describe, expect, it } from 'vitest';
import { folded } from '../../../streaming/testing-parts.ts';
import { decodeInSlices } from '../testing/decode-in-slices.ts';
import { sse } from '../testing/loopback-upstream.ts';
import { decodeChatResponse } from './decode-response.ts';
import { ChatStreamDecoder } from './decode-stream.ts';

const PAGE = { url: 'https://a.example', title: 'A', start_index: 4, end_index: 9 };
const ANNOTATIONS = [{ type: 'url_citation', url_citation: PAGE }];
const TEXT = 'See a.example.';

/** The page in the Responses API's flat shape, its span unchanged: the text is the content from its start. */
const EXPECTED_OUTPUT = [
  {
    type: 'text',
    text: TEXT,
    citations: [
      {
        dialect: 'openai-responses',
        native: { type: 'url_citation', ...PAGE },
        url: { url: PAGE.url, title: PAGE.title, span: { start: 4, end: 9 } },
      },
    ],
  },
];

const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
  sse.data({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });

describe("Chat Completions annotations (OpenAI's search models)", () => {
  it('ride on the end of the text, non-streamed', () => {
    const parts = decodeChatResponse('openai', {
      choices: [
        { finish_reason: 'stop', message: { role: 'assistant', content: TEXT, annotations: ANNOTATIONS } },
      ],
    });
    expect(folded(parts)?.output).toEqual(EXPECTED_OUTPUT);
  });

  it('are gathered from a content-less delta after the text to the same answer, for any chunk boundaries', () => {
    const stream =
      chunk({ role: 'assistant', content: 'See ' }) +
      chunk({ content: 'a.example.' }) +
      chunk({ annotations: ANNOTATIONS }) +
      chunk({}, 'stop') +
      sse.data('[DONE]');
    for (let seed = 1; seed <= 10; seed += 1) {
      expect(folded(decodeInSlices(stream, new ChatStreamDecoder('openai'), seed))?.output).toEqual(
        EXPECTED_OUTPUT,
      );
    }
  });

  it('count from the start of the text block they end when reasoning split the content', () => {
    // Positions in the whole content 'A ' + TEXT: the cited text block starts 2 characters in.
    const shifted = [{ type: 'url_citation', url_citation: { ...PAGE, start_index: 6, end_index: 11 } }];
    const stream =
      chunk({ content: 'A ' }) +
      chunk({ reasoning_content: 'hm' }) +
      chunk({ content: TEXT }) +
      chunk({ annotations: shifted }, 'stop') +
      sse.data('[DONE]');
    const output = folded(decodeInSlices(stream, new ChatStreamDecoder('openai'), 1))?.output;
    expect(output?.[0]).toEqual({ type: 'text', text: 'A ' });
    expect(output?.at(-1)).toEqual(EXPECTED_OUTPUT[0]);
  });

  it('leave out a citation of an earlier text block rather than give it a negative span', () => {
    // 'A ' (cited, positions 0–2) closed when reasoning began; the block open at the finish starts 2 characters in.
    const early = { type: 'url_citation', url_citation: { ...PAGE, start_index: 0, end_index: 2 } };
    const later = { type: 'url_citation', url_citation: { ...PAGE, start_index: 6, end_index: 11 } };
    const stream =
      chunk({ content: 'A ' }) +
      chunk({ reasoning_content: 'hm' }) +
      chunk({ content: TEXT }) +
      chunk({ annotations: [early, later] }, 'stop') +
      sse.data('[DONE]');
    const output = folded(decodeInSlices(stream, new ChatStreamDecoder('openai'), 1))?.output;
    expect(output?.at(-1)).toEqual(EXPECTED_OUTPUT[0]);
  });
});
