import { describe, expect, it } from 'vitest';
import { decodeMessagesResponse } from './decode-response.ts';

describe('decodeMessagesResponse', () => {
  it('decodes thinking, text and tool_use blocks with usage and stop reason', () => {
    const usage = { inputTokens: 7, outputTokens: 9, cachedInputTokens: 2 };
    expect(
      decodeMessagesResponse({
        id: 'msg_9',
        model: 'claude-opus-4-1-20250805',
        content: [
          { type: 'thinking', thinking: 'hm', signature: 's' },
          { type: 'text', text: 'ok' },
          { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
        ],
        stop_reason: 'tool_use',
        usage: { input_tokens: 5, cache_read_input_tokens: 2, output_tokens: 9 },
      }),
    ).toEqual([
      { type: 'stream-start', warnings: [], usage },
      { type: 'response-metadata', modelId: 'claude-opus-4-1-20250805', id: 'msg_9' },
      { type: 'reasoning-start', id: 'block-0' },
      { type: 'reasoning-delta', id: 'block-0', delta: 'hm' },
      { type: 'reasoning-end', id: 'block-0', metadata: { signature: 's' } },
      { type: 'text-delta', id: 'block-1', delta: 'ok' },
      { type: 'text-end', id: 'block-1' },
      { type: 'tool-call', id: 'block-2', toolCallId: 'toolu_1', toolName: 'f', input: '{"a":1}' },
      { type: 'usage', usage },
      { type: 'finish', reason: 'tool_calls', rawReason: 'tool_use', usage },
    ]);
  });
});
