import { budgetToLevel } from '../../../thinking/levels.ts';
import type { ValidatedThinking } from '../../../thinking/types.ts';

/**
 * The OpenAI effort for a validated setting (§6.3 appliers `openai` / `codex`), shared by Chat Completions and
 * the Responses API (`openai/thinking-fields.ts`):
 * - level → that level (validation already made it one the model supports);
 * - none → the lowest level validation chose for a model that cannot switch off, else `none`;
 * - budget (budget-only models behind an OpenAI-compatible API, e.g. Kimi) → its §6.1 band;
 * - auto (dynamic models) → `medium`: `auto` is not an OpenAI effort, and medium is OpenAI's default.
 */
export function reasoningEffortFor(thinking: ValidatedThinking): string {
  switch (thinking.mode) {
    case 'level':
      return thinking.level;
    case 'none':
      return thinking.level ?? 'none';
    case 'budget':
      return budgetBand(thinking.budget);
    case 'auto':
      return 'medium';
  }
}

function budgetBand(budget: number): string {
  const level = budgetToLevel(budget);
  if (level === undefined || level === 'auto') return 'medium';
  return level;
}

/** Chat Completions: top-level `reasoning_effort`. */
export function openAiChatThinkingFields(thinking: ValidatedThinking): { readonly reasoning_effort: string } {
  return { reasoning_effort: reasoningEffortFor(thinking) };
}
