import type { Usage } from '../../../canonical/usage.ts';
import { asNumber, asObject } from '../json.ts';

/**
 * Chat Completions `usage`. Cached prompt tokens appear as `prompt_tokens_details.cached_tokens`
 * (OpenAI, Qwen), `prompt_cache_hit_tokens` (DeepSeek) or `cached_tokens` (Kimi); tokens written to the cache as
 * `prompt_tokens_details.cache_write_tokens` (OpenAI's published CompletionUsage) or
 * `prompt_tokens_details.cache_creation_input_tokens` (Qwen's explicit cache).
 */
export function chatUsage(raw: unknown): Usage | undefined {
  const usage = asObject(raw);
  if (usage === undefined) return undefined;
  const reasoning = asNumber(asObject(usage['completion_tokens_details'])?.['reasoning_tokens']);
  const promptDetails = asObject(usage['prompt_tokens_details']);
  const cached =
    asNumber(promptDetails?.['cached_tokens']) ??
    asNumber(usage['prompt_cache_hit_tokens']) ??
    asNumber(usage['cached_tokens']);
  const written =
    asNumber(promptDetails?.['cache_write_tokens']) ??
    asNumber(promptDetails?.['cache_creation_input_tokens']);
  return {
    inputTokens: asNumber(usage['prompt_tokens']) ?? 0,
    outputTokens: asNumber(usage['completion_tokens']) ?? 0,
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(written === undefined ? {} : { cacheWriteInputTokens: written }),
  };
}
