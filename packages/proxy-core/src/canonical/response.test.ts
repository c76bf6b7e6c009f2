import { describe, expect, it } from 'vitest';
import { ResponseAccumulator } from './response.ts';

describe('ResponseAccumulator', () => {
  it('joins deltas per kind and keeps tool calls in order', () => {
    const acc = new ResponseAccumulator();
    acc.add({ type: 'stream-start', warnings: [], usage: { inputTokens: 3, outputTokens: 0 } });
    acc.add({ type: 'reasoning-start', id: 'r' });
    acc.add({ type: 'reasoning-delta', id: 'r', delta: 'a' });
    acc.add({ type: 'reasoning-delta', id: 'r', delta: 'b' });
    acc.add({ type: 'reasoning-end', id: 'r', metadata: { signature: 's' } });
    acc.add({ type: 'text-start', id: 't' });
    acc.add({ type: 'text-delta', id: 't', delta: 'x' });
    acc.add({ type: 'text-delta', id: 't', delta: 'y' });
    acc.add({ type: 'text-end', id: 't' });
    acc.add({ type: 'tool-input-start', id: 'k', toolCallId: 'c', toolName: 'f' });
    acc.add({ type: 'tool-input-delta', id: 'k', delta: '{}' });
    acc.add({ type: 'tool-input-end', id: 'k' });
    acc.add({ type: 'tool-call', id: 'k', toolCallId: 'c', toolName: 'f', input: '{}' });
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
    acc.add({ type: 'stream-start', warnings: [] });
    acc.add({ type: 'reasoning-start', id: 'r' });
    acc.add({ type: 'reasoning-end', id: 'r', metadata: { signature: 'g', issuer: 'gemini' } });
    acc.add({ type: 'tool-input-start', id: 'k', toolCallId: 'c', toolName: 'f' });
    acc.add({ type: 'tool-input-end', id: 'k' });
    acc.add({ type: 'tool-call', id: 'k', toolCallId: 'c', toolName: 'f', input: '' });
    acc.add({ type: 'finish', reason: 'tool_calls', usage: { inputTokens: 1, outputTokens: 1 } });
    expect(acc.result()?.output[0]).toEqual({
      type: 'reasoning',
      text: '',
      signature: 'g',
      issuer: 'gemini',
    });
  });
});
