import { describe, expect, it } from 'vitest';
import { decodeMessagesResponse } from './decode-response.ts';

describe('decodeMessagesResponse', () => {
  it('decodes thinking, text and tool_use blocks with usage and stop reason', () => {
    const usage = { inputTokens: 7, outputTokens: 9, cachedInputTokens: 2 };
    expect(
      decodeMessagesResponse({
        content: [
          { type: 'thinking', thinking: 'hm', signature: 's' },
          { type: 'text', text: 'ok' },
          { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
        ],
        stop_reason: 'tool_use',
        usage: { input_tokens: 5, cache_read_input_tokens: 2, output_tokens: 9 },
      }),
    ).toEqual([
      { type: 'start', inputTokens: 7 },
      { type: 'reasoning_delta', text: 'hm' },
      { type: 'reasoning_signature', signature: 's' },
      { type: 'text_delta', text: 'ok' },
      { type: 'tool_call_start', index: 0, id: 'toolu_1', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a":1}' },
      { type: 'usage', usage },
      { type: 'finish', reason: 'tool_calls', usage },
    ]);
  });
});
