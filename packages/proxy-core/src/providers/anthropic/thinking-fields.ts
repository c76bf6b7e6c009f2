import { levelToBudget } from '../../thinking/levels.ts';
import { ThinkingError } from '../../thinking/thinking-error.ts';
import type { ValidatedThinking } from '../../thinking/types.ts';

export type AnthropicThinkingParam =
  { readonly type: 'disabled' } | { readonly type: 'enabled'; readonly budget_tokens?: number };

export interface AnthropicThinkingOptions {
  /** The request's `max_tokens`; Anthropic rejects `budget_tokens >= max_tokens`. */
  readonly maxTokens?: number;
  /** The model's minimum budget: the max_tokens fix never pushes the budget below it. */
  readonly minBudget?: number;
}

/**
 * Anthropic Messages `thinking` (§6.3 appliers, upstream `provider/claude`): none or budget 0 →
 * `disabled`; a budget → `enabled` with `budget_tokens`, lowered to `max_tokens − 1` when it would
 * reach `max_tokens`, but left unchanged if that would go below the model's minimum.
 * Auto reaches here only for dynamic or unknown models: `enabled` without a budget, as upstream.
 * A level reaches here only for unknown models: it is converted by the §6.1 table.
 */
export function anthropicThinkingFields(
  thinking: ValidatedThinking,
  options: AnthropicThinkingOptions = {},
): { readonly thinking: AnthropicThinkingParam } {
  switch (thinking.mode) {
    case 'none':
      return { thinking: { type: 'disabled' } };
    case 'auto':
      return { thinking: { type: 'enabled' } };
    case 'budget':
      return { thinking: enabledWithBudget(thinking.budget, options) };
    case 'level': {
      const budget = levelToBudget(thinking.level);
      if (budget === undefined) throw new ThinkingError('unknown_level', `unknown level: ${thinking.level}`);
      if (budget === 0) return { thinking: { type: 'disabled' } };
      if (budget === -1) return { thinking: { type: 'enabled' } };
      return { thinking: enabledWithBudget(budget, options) };
    }
  }
}

function enabledWithBudget(
  budget: number,
  { maxTokens, minBudget = 0 }: AnthropicThinkingOptions,
): AnthropicThinkingParam {
  if (budget === 0) return { type: 'disabled' };
  if (maxTokens === undefined || maxTokens <= 0 || budget < maxTokens)
    return { type: 'enabled', budget_tokens: budget };
  const lowered = maxTokens - 1;
  return { type: 'enabled', budget_tokens: lowered > 0 && lowered < minBudget ? budget : lowered };
}
