import { encoderInput } from '../../../streaming/testing-parts.ts';
import { describe, expect, it } from 'vitest';
import { ResponseAccumulator } from '../../../canonical/response.ts';
import type { StreamPart } from '../../../canonical/stream-part.ts';
import { decodeInSlices } from '../testing/decode-in-slices.ts';
import { sse } from '../testing/loopback-upstream.ts';
import { ChatStreamDecoder } from './decode-stream.ts';

const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
  sse.data({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });

const TOOL_STREAM =
  chunk({ role: 'assistant', reasoning_content: 'Let me ' }) +
  chunk({ reasoning_content: 'think.' }) +
  chunk({ content: 'Héllo ' }) +
  chunk({
    tool_calls: [
      { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
    ],
  }) +
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }) +
  chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'get_time', arguments: '{}' } }] }) +
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }) +
  chunk({}, 'tool_calls') +
  sse.data({
    choices: [],
    usage: {
      prompt_tokens: 10,
      completion_tokens: 20,
      completion_tokens_details: { reasoning_tokens: 5 },
      prompt_tokens_details: { cached_tokens: 4 },
    },
  }) +
  sse.data('[DONE]');

function fold(events: StreamPart[]) {
  const accumulator = new ResponseAccumulator();
  for (const part of encoderInput(events)) accumulator.add(part);
  return accumulator.result();
}

describe('ChatStreamDecoder', () => {
  it('decodes reasoning, text, interleaved tool-call fragments, usage and finish — for any chunk boundaries', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const events = decodeInSlices(TOOL_STREAM, new ChatStreamDecoder('kimi'), seed);
      expect(events[0]).toEqual({ type: 'stream-start', warnings: [] });
      expect(events.at(-1)).toEqual({
        type: 'finish',
        reason: 'tool_calls',
        rawReason: 'tool_calls',
        usage: { inputTokens: 10, outputTokens: 20, reasoningTokens: 5, cachedInputTokens: 4 },
      });
      expect(fold(events)?.output).toEqual([
        { type: 'reasoning', text: 'Let me think.' },
        { type: 'text', text: 'Héllo ' },
        { type: 'tool_call', id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool_call', id: 'call_b', name: 'get_time', arguments: '{}' },
      ]);
    }
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content_filter'],
  ])('maps finish_reason %s', (raw, expected) => {
    const events = decodeInSlices(
      chunk({ content: 'x' }) + chunk({}, raw) + sse.data('[DONE]'),
      new ChatStreamDecoder('qwen'),
      3,
    );
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: expected, rawReason: raw });
  });

  it('reads DeepSeek prompt_cache_hit_tokens as cached input', () => {
    const body =
      chunk({ content: 'x' }, 'stop') +
      sse.data({
        choices: [],
        usage: { prompt_tokens: 9, completion_tokens: 1, prompt_cache_hit_tokens: 8 },
      });
    expect(decodeInSlices(body, new ChatStreamDecoder('deepseek'), 1).at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'stop',
      usage: { inputTokens: 9, outputTokens: 1, cachedInputTokens: 8 },
    });
  });

  it('finishes a stream that ends after finish_reason without [DONE]; a stream cut before it gets no terminal event', () => {
    expect(
      decodeInSlices(chunk({ content: 'x' }, 'stop'), new ChatStreamDecoder('kimi'), 1).at(-1),
    ).toMatchObject({ type: 'finish' });
    const cut = decodeInSlices(chunk({ content: 'x' }), new ChatStreamDecoder('kimi'), 1);
    expect(cut.some((event) => event.type === 'finish' || event.type === 'error')).toBe(false);
  });

  it('finishes at the usage chunk after finish_reason, without waiting for a [DONE] (S11), and finishes once', () => {
    const decoder = new ChatStreamDecoder('deepseek');
    const events = decodeInSlices(
      chunk({ content: 'x' }) +
        chunk({}, 'stop') +
        sse.data({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 1 } }),
      decoder,
      1,
    );
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 1 },
    });
    expect(decoder.push({ data: '[DONE]' })).toEqual([]);
    expect(decoder.end()).toEqual([]);
    expect(events.filter((event) => event.type === 'finish')).toHaveLength(1);
  });

  it('turns an error frame inside a 200 stream into an error event with a status', () => {
    const events = decodeInSlices(
      chunk({ content: 'x' }) +
        sse.data({ error: { message: 'busy', type: 'server_error', code: 'rate_limit_exceeded' } }),
      new ChatStreamDecoder('kimi'),
      2,
    );
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { status: 429, code: 'rate_limit_exceeded', message: 'kimi upstream failed mid-stream: busy' },
    });
  });
});
