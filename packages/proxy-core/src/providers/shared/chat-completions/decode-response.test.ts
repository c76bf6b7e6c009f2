import { describe, expect, it } from 'vitest';
import { decodeChatResponse } from './decode-response.ts';

describe('decodeChatResponse', () => {
  it('decodes reasoning, text, tool calls, usage and finish reason of a chat.completion', () => {
    const json = {
      choices: [
        {
          message: {
            role: 'assistant',
            reasoning_content: 'r',
            content: 'hi',
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4, completion_tokens_details: { reasoning_tokens: 1 } },
    };
    const usage = { inputTokens: 3, outputTokens: 4, reasoningTokens: 1 };
    expect(decodeChatResponse('qwen', json)).toEqual([
      { type: 'start', inputTokens: 3 },
      { type: 'reasoning_delta', text: 'r' },
      { type: 'text_delta', text: 'hi' },
      { type: 'tool_call_start', index: 0, id: 'c1', name: 'f' },
      { type: 'tool_call_delta', index: 0, argumentsDelta: '{"a":1}' },
      { type: 'usage', usage },
      { type: 'finish', reason: 'tool_calls', usage },
    ]);
  });

  it('rejects a body without choices as an invalid upstream response (502)', () => {
    expect(() => decodeChatResponse('qwen', { object: 'x' })).toThrow(
      expect.objectContaining({ status: 502, code: 'upstream_invalid_response' }),
    );
  });
});
