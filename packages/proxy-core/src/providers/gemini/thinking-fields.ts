import type { ValidatedThinking } from '../../thinking/types.ts';

export interface GeminiThinkingConfig {
  readonly thinkingBudget?: number;
  readonly thinkingLevel?: string;
  readonly includeThoughts: boolean;
}

export interface GeminiThinkingOptions {
  /** The client's own `includeThoughts`, when it sent one (Gemini dialect only). */
  readonly includeThoughts?: boolean;
}

/**
 * Gemini `generationConfig.thinkingConfig` (§6.3 appliers `gemini`, upstream `provider/gemini`);
 * the adapter puts the returned `thinkingConfig` inside `generationConfig`. Never both a level and a
 * budget:
 * - level → `thinkingLevel` (Gemini 3), thoughts shown unless the client said otherwise;
 * - none → `includeThoughts: false` with the lowest level (models with levels) or the clamped budget
 *   (0, or Min for a model that cannot switch off);
 * - budget → `thinkingBudget`, thoughts shown when the budget is positive;
 * - auto → `thinkingBudget: -1` (dynamic), thoughts shown.
 */
export function geminiThinkingFields(
  thinking: ValidatedThinking,
  options: GeminiThinkingOptions = {},
): { readonly thinkingConfig: GeminiThinkingConfig } {
  const client = options.includeThoughts;
  switch (thinking.mode) {
    case 'level':
      return { thinkingConfig: { thinkingLevel: thinking.level, includeThoughts: client ?? true } };
    case 'none':
      return {
        thinkingConfig:
          thinking.level === undefined
            ? { thinkingBudget: thinking.budget, includeThoughts: false }
            : { thinkingLevel: thinking.level, includeThoughts: false },
      };
    case 'budget':
      return {
        thinkingConfig: { thinkingBudget: thinking.budget, includeThoughts: client ?? thinking.budget > 0 },
      };
    case 'auto':
      return { thinkingConfig: { thinkingBudget: -1, includeThoughts: client ?? true } };
  }
}
