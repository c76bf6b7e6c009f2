import { describe, expect, it } from 'vitest';
import { ResponseAccumulator } from '../../canonical/response.ts';
import { encoderInput } from '../../streaming/testing-parts.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { decodeMessagesResponse } from './decode-response.ts';
import { MessagesStreamDecoder } from './decode-stream.ts';

const MCP_CALL = { type: 'mcp_tool_use', id: 'mcptoolu_1', name: 'lookup', server_name: 'atlas', input: {} };
const UPLOAD = { type: 'container_upload', file_id: 'file_1' };

function streamOf(inputPieces: readonly string[]): string {
  return (
    sse.event('message_start', { message: { id: 'msg_1', content: [], usage: { input_tokens: 1 } } }) +
    sse.event('content_block_start', { index: 0, content_block: { type: 'text', text: 'Looking. ' } }) +
    sse.event('content_block_stop', { index: 0 }) +
    sse.event('content_block_start', { index: 1, content_block: MCP_CALL }) +
    inputPieces
      .map((partial_json) =>
        sse.event('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json } }),
      )
      .join('') +
    sse.event('content_block_stop', { index: 1 }) +
    sse.event('content_block_start', { index: 2, content_block: UPLOAD }) +
    sse.event('content_block_stop', { index: 2 }) +
    sse.event('content_block_start', { index: 3, content_block: { type: 'text', text: 'Done.' } }) +
    sse.event('content_block_stop', { index: 3 }) +
    sse.event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }) +
    sse.event('message_stop', {})
  );
}

/** The folded answer: text parts, and each native block with how many parts come before it. */
function folded(body: string, seed: number) {
  const accumulator = new ResponseAccumulator();
  encoderInput(decodeInSlices(body, new MessagesStreamDecoder(), seed)).forEach((part) =>
    accumulator.add(part),
  );
  const result = accumulator.result();
  return { output: result?.output, native: result?.nativeItems?.map(({ at, item }) => [at, item]) };
}

describe('Anthropic blocks the parts do not model', () => {
  it('come out of a stream whole and in place, the input pieces parsed — for any chunk boundaries', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      expect(folded(streamOf(['{"term":', ' "pelican"}']), seed)).toEqual({
        output: [
          { type: 'text', text: 'Looking. ' },
          { type: 'text', text: 'Done.' },
        ],
        native: [
          [1, { ...MCP_CALL, input: { term: 'pelican' } }],
          [1, UPLOAD],
        ],
      });
    }
  });

  it("keep the start's `{}` when the streamed input is empty or does not parse", () => {
    expect(folded(streamOf(['']), 1).native?.[0]).toEqual([1, MCP_CALL]);
    expect(folded(streamOf(['{"term": "peli']), 1).native?.[0]).toEqual([1, MCP_CALL]);
  });

  it('come out of a non-streamed answer whole, in their places', () => {
    const parts = decodeMessagesResponse({
      content: [{ type: 'text', text: 'Looking. ' }, { ...MCP_CALL, input: { term: 'pelican' } }, UPLOAD],
      stop_reason: 'end_turn',
    });
    expect(parts.filter((part) => part.type === 'native-item' || part.type === 'text-delta')).toEqual([
      { type: 'text-delta', id: 'block-0', delta: 'Looking. ' },
      {
        type: 'native-item',
        dialect: 'anthropic-messages',
        event: { block: { ...MCP_CALL, input: { term: 'pelican' } } },
      },
      { type: 'native-item', dialect: 'anthropic-messages', event: { block: UPLOAD } },
    ]);
  });
});
