import type { ThinkingFormat } from './types.ts';

/*
 * Format families of §6.3 rule 2. Upstream also has gemini-cli, antigravity (Gemini family,
 * budget-based) and codex (level-based); Switchyard has no such providers, so they are absent.
 */

/** Formats whose native thinking setting is a token budget. */
export function isBudgetBasedFormat(format: ThinkingFormat | undefined): boolean {
  return format === 'claude' || format === 'gemini';
}

/** Formats whose native thinking setting is an effort level. */
export function isLevelBasedFormat(format: ThinkingFormat | undefined): boolean {
  return format === 'openai' || format === 'openai-response';
}

function isGeminiFamily(format: ThinkingFormat): boolean {
  return format === 'gemini';
}

/** Rule 2's "same family": equal formats, or both Gemini family. OpenAI chat and Responses are not. */
export function isSameFamily(from: ThinkingFormat, to: ThinkingFormat): boolean {
  return from === to || (isGeminiFamily(from) && isGeminiFamily(to));
}
