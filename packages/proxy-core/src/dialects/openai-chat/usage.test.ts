import { describe, expect, it } from 'vitest';
import { chatUsage } from './usage.ts';

describe('Chat Completions usage', () => {
  it('reports cached, cache-written and reasoning tokens in their detail objects', () => {
    expect(
      chatUsage({
        inputTokens: 100,
        outputTokens: 20,
        cachedInputTokens: 60,
        cacheWriteInputTokens: 30,
        reasoningTokens: 5,
      }),
    ).toEqual({
      prompt_tokens: 100,
      completion_tokens: 20,
      total_tokens: 120,
      prompt_tokens_details: { cached_tokens: 60, cache_write_tokens: 30 },
      completion_tokens_details: { reasoning_tokens: 5 },
    });
  });

  it('leaves cache writes out when the upstream reported none (OpenAI caches without saying)', () => {
    expect(chatUsage({ inputTokens: 3, outputTokens: 1 })['prompt_tokens_details']).toEqual({
      cached_tokens: 0,
    });
  });
});
