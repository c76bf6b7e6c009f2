import { encoderInput } from '../../streaming/testing-parts.ts';
import { describe, expect, it } from 'vitest';
import { ResponseAccumulator } from '../../canonical/response.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { MessagesStreamDecoder } from './decode-stream.ts';

const START = sse.event('message_start', {
  message: {
    id: 'msg_1',
    model: 'claude-sonnet-4-6-20260101',
    content: [],
    usage: { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 1, output_tokens: 1 },
  },
});

const STREAM =
  START +
  sse.event('ping', {}) +
  sse.event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '' } }) +
  sse.event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Consider ' } }) +
  sse.event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'it.' } }) +
  sse.event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'sig==' } }) +
  sse.event('content_block_stop', { index: 0 }) +
  sse.event('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }) +
  sse.event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Sure — ' } }) +
  sse.event('content_block_stop', { index: 1 }) +
  sse.event('content_block_start', {
    index: 2,
    content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
  }) +
  sse.event('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '{"city":' },
  }) +
  sse.event('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
  }) +
  sse.event('content_block_stop', { index: 2 }) +
  sse.event('message_delta', {
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 42 },
  }) +
  sse.event('message_stop', {});

describe('MessagesStreamDecoder', () => {
  it('decodes thinking with signature, text, streamed tool input and cumulative usage — for any chunk boundaries', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const events = decodeInSlices(STREAM, new MessagesStreamDecoder(), seed);
      expect(events.slice(0, 2)).toEqual([
        {
          type: 'stream-start',
          warnings: [],
          usage: { inputTokens: 16, outputTokens: 1, cachedInputTokens: 5, cacheWriteInputTokens: 1 },
        },
        { type: 'response-metadata', modelId: 'claude-sonnet-4-6-20260101', id: 'msg_1' },
      ]);
      const usage = { inputTokens: 16, outputTokens: 42, cachedInputTokens: 5, cacheWriteInputTokens: 1 };
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls', rawReason: 'tool_use', usage });
      const accumulator = new ResponseAccumulator();
      encoderInput(events).forEach((part) => accumulator.add(part));
      expect(accumulator.result()?.output).toEqual([
        { type: 'reasoning', text: 'Consider it.', signature: 'sig==' },
        { type: 'text', text: 'Sure — ' },
        { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ]);
    }
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['refusal', 'content_filter'],
  ])('maps stop_reason %s', (stopReason, reason) => {
    const body =
      START +
      sse.event('message_delta', { delta: { stop_reason: stopReason }, usage: { output_tokens: 1 } }) +
      sse.event('message_stop', {});
    expect(decodeInSlices(body, new MessagesStreamDecoder(), 1).at(-1)).toMatchObject({
      type: 'finish',
      reason,
      rawReason: stopReason,
    });
  });

  it('keeps two adjacent thinking blocks apart, each with its signature, and redacted thinking with its data', () => {
    const thinking = (index: number, text: string, signature: string) =>
      sse.event('content_block_start', { index, content_block: { type: 'thinking', thinking: '' } }) +
      sse.event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: text } }) +
      sse.event('content_block_delta', { index, delta: { type: 'signature_delta', signature } }) +
      sse.event('content_block_stop', { index });
    const body =
      START +
      thinking(0, 'first', 's1') +
      sse.event('content_block_start', {
        index: 1,
        content_block: { type: 'redacted_thinking', data: 'enc' },
      }) +
      sse.event('content_block_stop', { index: 1 }) +
      thinking(2, 'second', 's2') +
      sse.event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }) +
      sse.event('message_stop', {});
    const accumulator = new ResponseAccumulator();
    encoderInput(decodeInSlices(body, new MessagesStreamDecoder(), 7)).forEach((part) =>
      accumulator.add(part),
    );
    expect(accumulator.result()?.output).toEqual([
      { type: 'reasoning', text: 'first', signature: 's1' },
      { type: 'reasoning', text: '', signature: 'enc', issuer: 'anthropic-redacted' },
      { type: 'reasoning', text: 'second', signature: 's2' },
    ]);
  });

  it('fails the stream on an error event after HTTP 200 (overloaded → 529)', () => {
    const body = START + sse.event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(decodeInSlices(body, new MessagesStreamDecoder(), 1).at(-1)).toEqual({
      type: 'error',
      error: {
        status: 529,
        code: 'overloaded_error',
        message: 'anthropic upstream failed mid-stream: Overloaded',
      },
    });
  });

  it('gives no terminal event when the stream is cut before message_stop', () => {
    const events = decodeInSlices(START, new MessagesStreamDecoder(), 1);
    expect(events.some((event) => event.type === 'finish' || event.type === 'error')).toBe(false);
  });
});
