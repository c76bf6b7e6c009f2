import type { Usage } from '../../canonical/usage.ts';
import { asNumber, asObject } from '../shared/json.ts';

/**
 * `usageMetadata`: thought tokens are counted apart from `candidatesTokenCount`, so canonical output
 * is their sum; `cachedContentTokenCount` is part of `promptTokenCount`.
 */
export function geminiUsage(raw: unknown): Usage | undefined {
  const usage = asObject(raw);
  if (usage === undefined) return undefined;
  const thoughts = asNumber(usage['thoughtsTokenCount']);
  const cached = asNumber(usage['cachedContentTokenCount']);
  return {
    inputTokens: asNumber(usage['promptTokenCount']) ?? 0,
    outputTokens: (asNumber(usage['candidatesTokenCount']) ?? 0) + (thoughts ?? 0),
    ...(thoughts === undefined ? {} : { reasoningTokens: thoughts }),
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
  };
}

/**
 * The reverse, for the Gemini client dialect: `candidatesTokenCount` excludes thought tokens, which Gemini counts
 * in `thoughtsTokenCount`; `cachedContentTokenCount` stays part of `promptTokenCount`.
 */
export function geminiUsageMetadata(usage: Usage): Record<string, number> {
  const thoughts = usage.reasoningTokens;
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens - (thoughts ?? 0),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(thoughts === undefined ? {} : { thoughtsTokenCount: thoughts }),
    ...(usage.cachedInputTokens === undefined ? {} : { cachedContentTokenCount: usage.cachedInputTokens }),
  };
}
