import type { Usage } from '../../canonical/usage.ts';
import { asNumber, asObject } from '../shared/json.ts';

/**
 * Anthropic `usage`: `input_tokens` excludes cache reads and writes, so canonical input is their sum,
 * `cachedInputTokens` the reads and `cacheWriteInputTokens` the writes. `message_delta` usage is cumulative but may omit input fields, so
 * missing fields keep the previous value.
 */
export function anthropicUsage(raw: unknown, previous?: Usage): Usage | undefined {
  const usage = asObject(raw);
  if (usage === undefined) return undefined;
  const input = asNumber(usage['input_tokens']);
  const cacheRead = asNumber(usage['cache_read_input_tokens']);
  const cacheWrite = asNumber(usage['cache_creation_input_tokens']);
  const hasInput = input !== undefined || cacheRead !== undefined || cacheWrite !== undefined;
  const inputTokens = hasInput
    ? (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0)
    : (previous?.inputTokens ?? 0);
  const cached = cacheRead ?? previous?.cachedInputTokens;
  const written = cacheWrite ?? previous?.cacheWriteInputTokens;
  return {
    inputTokens,
    outputTokens: asNumber(usage['output_tokens']) ?? previous?.outputTokens ?? 0,
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(written === undefined ? {} : { cacheWriteInputTokens: written }),
  };
}
