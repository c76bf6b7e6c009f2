import { describe, expect, it } from 'vitest';
import { folded } from '../../streaming/testing-parts.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { decodeResponsesResponse } from './decode-response.ts';
import { ResponsesStreamDecoder } from './decode-stream.ts';

const USAGE = {
  input_tokens: 20,
  output_tokens: 30,
  input_tokens_details: { cached_tokens: 8 },
  output_tokens_details: { reasoning_tokens: 10 },
};
const CANONICAL_USAGE = { inputTokens: 20, outputTokens: 30, cachedInputTokens: 8, reasoningTokens: 10 };

const STREAM =
  sse.event('response.created', {
    sequence_number: 0,
    response: { id: 'resp_7', model: 'gpt-5-2025-08-07', status: 'in_progress' },
  }) +
  sse.event('response.in_progress', { sequence_number: 1 }) +
  sse.event('response.output_item.added', { output_index: 0, item: { type: 'reasoning', id: 'rs_1' } }) +
  sse.event('response.reasoning_summary_text.delta', { output_index: 0, delta: 'Plan: ' }) +
  sse.event('response.output_item.added', { output_index: 1, item: { type: 'message', id: 'msg_1' } }) +
  sse.event('response.output_text.delta', { output_index: 1, delta: 'Hi ' }) +
  sse.event('response.output_text.done', { output_index: 1, text: 'Hi ' }) +
  sse.event('response.output_item.added', {
    output_index: 2,
    item: { type: 'function_call', id: 'fc_1', call_id: 'call_9', name: 'get_weather', arguments: '' },
  }) +
  sse.event('response.function_call_arguments.delta', {
    output_index: 2,
    item_id: 'fc_1',
    delta: '{"city":',
  }) +
  sse.event('response.function_call_arguments.delta', {
    output_index: 2,
    item_id: 'fc_1',
    delta: '"Paris"}',
  }) +
  sse.event('response.function_call_arguments.done', {
    output_index: 2,
    item_id: 'fc_1',
    arguments: '{"city":"Paris"}',
  }) +
  sse.event('response.completed', { response: { status: 'completed', usage: USAGE } });

describe('ResponsesStreamDecoder', () => {
  it('decodes reasoning summary, text, function-call argument deltas, usage and completion — for any chunk boundaries', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const events = decodeInSlices(STREAM, new ResponsesStreamDecoder(), seed);
      expect(events.slice(0, 2)).toEqual([
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', modelId: 'gpt-5-2025-08-07', id: 'resp_7' },
      ]);
      expect(events.filter((event) => event.type === 'tool-input-delta')).toEqual([
        { type: 'tool-input-delta', id: 'tool-0', delta: '{"city":' },
        { type: 'tool-input-delta', id: 'tool-0', delta: '"Paris"}' },
      ]);
      expect(folded(events)).toEqual({
        output: [
          { type: 'reasoning', text: 'Plan: ' },
          { type: 'text', text: 'Hi ' },
          { type: 'tool_call', id: 'call_9', name: 'get_weather', arguments: '{"city":"Paris"}' },
        ],
        finishReason: 'tool_calls',
        rawFinishReason: 'completed',
        usage: CANONICAL_USAGE,
        metadata: { modelId: 'gpt-5-2025-08-07', id: 'resp_7' },
      });
    }
  });

  it.each([
    [{ reason: 'max_output_tokens' }, 'length'],
    [{ reason: 'content_filter' }, 'content_filter'],
  ])('maps response.incomplete %j', (details, reason) => {
    const body =
      sse.event('response.created', {}) +
      sse.event('response.incomplete', {
        response: { status: 'incomplete', incomplete_details: details, usage: USAGE },
      });
    expect(decodeInSlices(body, new ResponsesStreamDecoder(), 1).at(-1)).toMatchObject({
      type: 'finish',
      reason,
      rawReason: details.reason,
    });
  });

  it('maps response.failed and error events to error events; a cut stream has no terminal event', () => {
    const failed =
      sse.event('response.created', {}) +
      sse.event('response.failed', {
        response: { status: 'failed', error: { code: 'server_error', message: 'oops' } },
      });
    expect(decodeInSlices(failed, new ResponsesStreamDecoder(), 1).at(-1)).toEqual({
      type: 'error',
      error: { status: 500, code: 'server_error', message: 'openai upstream failed mid-stream: oops' },
    });
    const error = sse.event('error', { code: 'rate_limit_exceeded', message: 'slow' });
    expect(decodeInSlices(error, new ResponsesStreamDecoder(), 1)).toEqual([
      {
        type: 'error',
        error: {
          status: 429,
          code: 'rate_limit_exceeded',
          message: 'openai upstream failed mid-stream: slow',
        },
      },
    ]);
    const cut = decodeInSlices(
      sse.event('response.created', {}) + sse.event('response.output_text.delta', { delta: 'x' }),
      new ResponsesStreamDecoder(),
      1,
    );
    expect(cut.some((event) => event.type === 'finish' || event.type === 'error')).toBe(false);
  });
});

describe('decodeResponsesResponse', () => {
  it('decodes reasoning, message text, function calls and usage of a non-streamed response', () => {
    const events = decodeResponsesResponse({
      status: 'completed',
      output: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi' }] },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
      ],
      usage: USAGE,
    });
    expect(folded(events)).toEqual({
      output: [
        { type: 'reasoning', text: 'Plan' },
        { type: 'text', text: 'Hi' },
        { type: 'tool_call', id: 'c', name: 'f', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'completed',
      usage: CANONICAL_USAGE,
    });
  });
});
