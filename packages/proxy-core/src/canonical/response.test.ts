import { describe, expect, it } from 'vitest';
import { ResponseAccumulator } from './response.ts';

describe('ResponseAccumulator', () => {
  it('joins deltas per kind and keeps tool calls in order', () => {
    const acc = new ResponseAccumulator();
    acc.add({ type: 'start', inputTokens: 3 });
    acc.add({ type: 'reasoning_delta', text: 'a' });
    acc.add({ type: 'reasoning_delta', text: 'b' });
    acc.add({ type: 'reasoning_signature', signature: 's' });
    acc.add({ type: 'text_delta', text: 'x' });
    acc.add({ type: 'text_delta', text: 'y' });
    acc.add({ type: 'tool_call_start', index: 0, id: 'c', name: 'f' });
    acc.add({ type: 'tool_call_delta', index: 0, argumentsDelta: '{}' });
    expect(acc.result()).toBeUndefined();
    acc.add({ type: 'finish', reason: 'tool_calls', usage: { inputTokens: 3, outputTokens: 5 } });
    expect(acc.result()).toEqual({
      output: [
        { type: 'reasoning', text: 'ab', signature: 's' },
        { type: 'text', text: 'xy' },
        { type: 'tool_call', id: 'c', name: 'f', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 3, outputTokens: 5 },
    });
  });

  it("keeps whose proof a signature is, so no dialect hands one provider's proof to another", () => {
    const acc = new ResponseAccumulator();
    acc.add({ type: 'start' });
    acc.add({ type: 'reasoning_signature', signature: 'g', issuer: 'gemini' });
    acc.add({ type: 'tool_call_start', index: 0, id: 'c', name: 'f' });
    acc.add({ type: 'finish', reason: 'tool_calls', usage: { inputTokens: 1, outputTokens: 1 } });
    expect(acc.result()?.output[0]).toEqual({
      type: 'reasoning',
      text: '',
      signature: 'g',
      issuer: 'gemini',
    });
  });
});
