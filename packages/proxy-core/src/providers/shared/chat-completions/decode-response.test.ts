import { describe, expect, it } from 'vitest';
import { decodeChatResponse } from './decode-response.ts';

describe('decodeChatResponse', () => {
  it('decodes reasoning, text, tool calls, usage and finish reason of a chat.completion', () => {
    const json = {
      id: 'chatcmpl-9',
      model: 'qwen3-235b-a22b',
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
      { type: 'stream-start', warnings: [], usage },
      { type: 'response-metadata', modelId: 'qwen3-235b-a22b', id: 'chatcmpl-9' },
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'r' },
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'text-start', id: 'text-2' },
      { type: 'text-delta', id: 'text-2', delta: 'hi' },
      { type: 'text-end', id: 'text-2' },
      { type: 'tool-call', id: 'tool-0', toolCallId: 'c1', toolName: 'f', input: '{"a":1}' },
      { type: 'usage', usage },
      { type: 'finish', reason: 'tool_calls', rawReason: 'tool_calls', usage },
    ]);
  });

  it('rejects a body without choices as an invalid upstream response (502)', () => {
    expect(() => decodeChatResponse('qwen', { object: 'x' })).toThrow(
      expect.objectContaining({ status: 502, code: 'upstream_invalid_response' }),
    );
  });
});
