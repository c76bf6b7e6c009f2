/** Token accounting in one shape; dialect encoders rename the fields, providers fill what they know. */
export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Part of outputTokens spent on reasoning. */
  readonly reasoningTokens?: number;
  /** Part of inputTokens served from the provider's prompt cache. */
  readonly cachedInputTokens?: number;
  /** Part of inputTokens written to the provider's prompt cache (Anthropic `cache_creation_input_tokens`). */
  readonly cacheWriteInputTokens?: number;
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };

export function totalTokens(usage: Usage): number {
  return usage.inputTokens + usage.outputTokens;
}
