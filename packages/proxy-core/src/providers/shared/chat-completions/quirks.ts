/** What differs between Chat Completions upstreams; one encoder reads these instead of forking. */
export interface ChatQuirks {
  /** OpenAI wants `max_completion_tokens` (reasoning models reject `max_tokens`); most others `max_tokens`. */
  readonly maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Whether `image_url` content parts are accepted. */
  readonly images: boolean;
  /**
   * Whether the client's prompt-cache breakpoints are sent as `cache_control: {type: "ephemeral"}` on the message
   * content part they follow (Qwen's explicit cache on its OpenAI-compatible API); the others cache by prefix alone.
   */
  readonly cacheBreakpoints?: boolean;
}
