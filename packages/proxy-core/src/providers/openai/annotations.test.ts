import { describe, expect, it } from 'vitest';
import { folded } from '../../streaming/testing-parts.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { decodeResponsesResponse } from './decode-response.ts';
import { ResponsesStreamDecoder } from './decode-stream.ts';

const PAGE = { type: 'url_citation', url: 'https://a.example', title: 'A', start_index: 2, end_index: 5 };
const FILE = { type: 'file_citation', file_id: 'file-1', filename: 'n.md', index: 1 };

/** A message of two output_text parts: the second's positions count from its own start upstream. */
const MESSAGE = {
  id: 'msg_u',
  type: 'message',
  role: 'assistant',
  content: [
    { type: 'output_text', text: 'Hello. ', annotations: [PAGE] },
    { type: 'output_text', text: 'Bye.', annotations: [FILE, PAGE] },
  ],
};

/** In the canonical text part (the parts joined), the second part's positions move by the first's 7 characters. */
const EXPECTED_OUTPUT = [
  {
    type: 'text',
    text: 'Hello. Bye.',
    citations: [
      {
        dialect: 'openai-responses',
        native: PAGE,
        url: { url: PAGE.url, title: 'A', span: { start: 2, end: 5 } },
      },
      { dialect: 'openai-responses', native: { ...FILE, index: 8 } },
      {
        dialect: 'openai-responses',
        native: { ...PAGE, start_index: 9, end_index: 12 },
        url: { url: PAGE.url, title: 'A', span: { start: 9, end: 12 } },
      },
    ],
  },
];

const ids = { item_id: 'msg_u', output_index: 0, content_index: 0 };
const STREAM =
  sse.event('response.created', { response: { id: 'resp_1' } }) +
  sse.event('response.output_item.added', { output_index: 0, item: { ...MESSAGE, content: [] } }) +
  sse.event('response.output_text.delta', { ...ids, delta: 'Hello. ' }) +
  sse.event('response.output_text.annotation.added', { ...ids, annotation_index: 0, annotation: PAGE }) +
  sse.event('response.output_text.delta', { ...ids, content_index: 1, delta: 'Bye.' }) +
  sse.event('response.output_item.done', { output_index: 0, item: MESSAGE }) +
  sse.event('response.completed', { response: { status: 'completed', output: [MESSAGE], usage: {} } });

describe('OpenAI Responses annotations', () => {
  it('ride on the end of their message, positions counted in the whole text, non-streamed', () => {
    const parts = decodeResponsesResponse({ status: 'completed', output: [MESSAGE], usage: {} });
    expect(folded(parts)?.output).toEqual(EXPECTED_OUTPUT);
  });

  it('are read from the finished item when streamed, to the same answer, for any chunk boundaries', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      expect(folded(decodeInSlices(STREAM, new ResponsesStreamDecoder(), seed))?.output).toEqual(
        EXPECTED_OUTPUT,
      );
    }
  });
});
