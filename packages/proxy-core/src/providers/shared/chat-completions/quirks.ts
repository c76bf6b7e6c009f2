/** What differs between Chat Completions upstreams; one encoder reads these instead of forking. */
export interface ChatQuirks {
  /** OpenAI wants `max_completion_tokens` (reasoning models reject `max_tokens`); most others `max_tokens`. */
  readonly maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Whether `image_url` content parts are accepted. */
  readonly images: boolean;
}
