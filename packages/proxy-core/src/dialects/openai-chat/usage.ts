import type { FinishReason } from '../../canonical/finish-reason.ts';
import { totalTokens, type Usage } from '../../canonical/usage.ts';

/**
 * Chat Completions `usage`, with cached and reasoning tokens in their detail objects, and the prompt tokens written to
 * the cache (`prompt_tokens_details.cache_write_tokens`, in OpenAI's published CompletionUsage) when the upstream
 * reported them (Anthropic's `cache_creation_input_tokens`).
 */
export function chatUsage(usage: Usage): Record<string, unknown> {
  const cacheWrites =
    usage.cacheWriteInputTokens === undefined ? {} : { cache_write_tokens: usage.cacheWriteInputTokens };
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: totalTokens(usage),
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, ...cacheWrites },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

/** The canonical reasons were modelled on chat's, so the mapping is the identity. */
export function chatFinishReason(reason: FinishReason): string {
  return reason;
}
