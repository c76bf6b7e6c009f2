import { classifyCapability } from '../../thinking/capability.ts';
import { levelToBudget } from '../../thinking/levels.ts';
import { ThinkingError } from '../../thinking/thinking-error.ts';
import type { ThinkingCapability, ValidatedThinking } from '../../thinking/types.ts';

/** A Claude whose catalog entry lists effort levels and no budget range thinks adaptively, by effort only. */
export function thinksByEffort(capability: ThinkingCapability | undefined): boolean {
  return capability !== undefined && classifyCapability(capability) === 'level-only';
}

export type AnthropicThinkingParam =
  | { readonly type: 'disabled' }
  | { readonly type: 'enabled'; readonly budget_tokens?: number }
  | { readonly type: 'adaptive' };

/** The request fields a setting becomes: `thinking`, and `output_config.effort` on an effort model. */
export interface AnthropicThinkingFields {
  readonly thinking?: AnthropicThinkingParam;
  readonly output_config?: { readonly effort: string };
}

export interface AnthropicThinkingOptions {
  /** The request's `max_tokens`; Anthropic rejects `budget_tokens >= max_tokens`. */
  readonly maxTokens?: number;
  /** The model's minimum budget: the max_tokens fix never pushes the budget below it. */
  readonly minBudget?: number;
  /**
   * The model thinks only adaptively, steered by `output_config.effort` (its catalog entry lists levels and no
   * budget range: Opus 4.7 and later, the Claude 5 family). It refuses `budget_tokens` and, on always-on models,
   * `disabled`, so none leaves both fields out and the model's own default applies.
   */
  readonly byEffort?: boolean;
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
): AnthropicThinkingFields {
  if (options.byEffort === true) return effortFields(thinking);
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

/**
 * An effort model (validation already turned budgets into its levels): a level → adaptive with that effort, auto →
 * adaptive at the model's default effort, none → nothing (see `byEffort`).
 */
function effortFields(thinking: ValidatedThinking): AnthropicThinkingFields {
  switch (thinking.mode) {
    case 'none':
      return {};
    case 'level':
      return { thinking: { type: 'adaptive' }, output_config: { effort: thinking.level } };
    case 'auto':
    case 'budget':
      return { thinking: { type: 'adaptive' } };
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
