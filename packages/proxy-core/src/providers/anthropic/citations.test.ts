import { describe, expect, it } from 'vitest';
import {
  CITED_TEXT,
  DOCUMENT_CITATION,
  PLAIN_TEXT,
  WEB_CITATION,
} from '../../dialects/anthropic-messages/testing/citations.ts';
import { folded } from '../../streaming/testing-parts.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { decodeMessagesResponse } from './decode-response.ts';
import { MessagesStreamDecoder } from './decode-stream.ts';

const USAGE = { input_tokens: 3, output_tokens: 4 };

/** The two text blocks streamed: the cited one's citations arrive one per `citations_delta`, before its text. */
const STREAM =
  sse.event('message_start', { message: { id: 'msg_1', content: [], usage: USAGE } }) +
  sse.event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
  sse.event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: PLAIN_TEXT.text } }) +
  sse.event('content_block_stop', { index: 0 }) +
  sse.event('content_block_start', { index: 1, content_block: { type: 'text', text: '', citations: [] } }) +
  sse.event('content_block_delta', { index: 1, delta: { type: 'citations_delta', citation: WEB_CITATION } }) +
  sse.event('content_block_delta', {
    index: 1,
    delta: { type: 'citations_delta', citation: DOCUMENT_CITATION },
  }) +
  sse.event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: CITED_TEXT.text } }) +
  sse.event('content_block_stop', { index: 1 }) +
  sse.event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: USAGE }) +
  sse.event('message_stop', {});

/** Both citations kept whole; only the web search result names a page other dialects can cite. */
const EXPECTED_OUTPUT = [
  { type: 'text', text: PLAIN_TEXT.text },
  {
    type: 'text',
    text: CITED_TEXT.text,
    citations: [
      {
        dialect: 'anthropic-messages',
        native: WEB_CITATION,
        url: { url: WEB_CITATION.url, title: WEB_CITATION.title },
      },
      { dialect: 'anthropic-messages', native: DOCUMENT_CITATION },
    ],
  },
];

describe("Anthropic's citations", () => {
  it('ride on the end of their text block in a non-streamed answer', () => {
    const parts = decodeMessagesResponse({
      id: 'msg_1',
      content: [PLAIN_TEXT, CITED_TEXT],
      stop_reason: 'end_turn',
      usage: USAGE,
    });
    expect(folded(parts)?.output).toEqual(EXPECTED_OUTPUT);
  });

  it('are gathered from citations_delta events to the same answer, for any chunk boundaries', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const parts = decodeInSlices(STREAM, new MessagesStreamDecoder(), seed);
      expect(parts.filter((part) => part.type === 'text-end').map((part) => part.metadata)).toEqual([
        undefined,
        { citations: EXPECTED_OUTPUT[1]?.citations },
      ]);
      expect(folded(parts)?.output).toEqual(EXPECTED_OUTPUT);
    }
  });

  it('leave a title-less web page without a title', () => {
    const untitled = { ...WEB_CITATION, title: null };
    const parts = decodeMessagesResponse({
      content: [{ type: 'text', text: 'x', citations: [untitled] }],
      stop_reason: 'end_turn',
      usage: USAGE,
    });
    expect(folded(parts)?.output).toEqual([
      {
        type: 'text',
        text: 'x',
        citations: [{ dialect: 'anthropic-messages', native: untitled, url: { url: WEB_CITATION.url } }],
      },
    ]);
  });
});
