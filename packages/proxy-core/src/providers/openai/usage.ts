import type { Usage } from '../../canonical/usage.ts';
import { asNumber, asObject } from '../shared/json.ts';

/** Responses `usage`: input/output tokens with cached and reasoning details. */
export function responsesUsage(raw: unknown): Usage | undefined {
  const usage = asObject(raw);
  if (usage === undefined) return undefined;
  const reasoning = asNumber(asObject(usage['output_tokens_details'])?.['reasoning_tokens']);
  const cached = asNumber(asObject(usage['input_tokens_details'])?.['cached_tokens']);
  return {
    inputTokens: asNumber(usage['input_tokens']) ?? 0,
    outputTokens: asNumber(usage['output_tokens']) ?? 0,
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
  };
}
