import type { Usage } from '../../../canonical/usage.ts';
import { asNumber, asObject } from '../json.ts';

/**
 * Chat Completions `usage`. Cached prompt tokens appear as `prompt_tokens_details.cached_tokens`
 * (OpenAI, Qwen), `prompt_cache_hit_tokens` (DeepSeek) or `cached_tokens` (Kimi).
 */
export function chatUsage(raw: unknown): Usage | undefined {
  const usage = asObject(raw);
  if (usage === undefined) return undefined;
  const reasoning = asNumber(asObject(usage['completion_tokens_details'])?.['reasoning_tokens']);
  const cached =
    asNumber(asObject(usage['prompt_tokens_details'])?.['cached_tokens']) ??
    asNumber(usage['prompt_cache_hit_tokens']) ??
    asNumber(usage['cached_tokens']);
  return {
    inputTokens: asNumber(usage['prompt_tokens']) ?? 0,
    outputTokens: asNumber(usage['completion_tokens']) ?? 0,
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
  };
}
