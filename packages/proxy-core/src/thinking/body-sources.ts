import type { ThinkingConfig } from './types.ts';

/*
 * One parser per client dialect (§6.2 "body fields read when there is no suffix"). Each takes the
 * already-decoded field values, so dialect decoders call them after schema validation. Each returns
 * undefined when the body asks for nothing.
 */

/** An effort string: `none` → none, `auto` → auto, anything else a level (validation judges it). */
function fromEffort(effort: string | null | undefined): ThinkingConfig | undefined {
  if (effort === null || effort === undefined) return undefined;
  const level = effort.trim().toLowerCase();
  if (level === '') return undefined;
  if (level === 'none') return { mode: 'none' };
  if (level === 'auto') return { mode: 'auto' };
  return { mode: 'level', level };
}

/** A budget number: 0 → none, −1 → auto, else a budget (fractions truncated, as upstream's int read). */
function fromBudget(budget: number): ThinkingConfig {
  const tokens = Math.trunc(budget);
  if (tokens === 0) return { mode: 'none' };
  if (tokens === -1) return { mode: 'auto' };
  return { mode: 'budget', budget: tokens };
}

/** OpenAI Chat Completions (and kimi): top-level `reasoning_effort`. */
export function thinkingFromOpenAiChat(
  reasoningEffort: string | null | undefined,
): ThinkingConfig | undefined {
  return fromEffort(reasoningEffort);
}

/** OpenAI Responses: `reasoning.effort`. */
export function thinkingFromOpenAiResponses(
  reasoning: { readonly effort?: string | null | undefined } | null | undefined,
): ThinkingConfig | undefined {
  return fromEffort(reasoning?.effort);
}

export interface AnthropicThinkingField {
  readonly type?: string | undefined;
  readonly budget_tokens?: number | undefined;
}

/**
 * Anthropic Messages `thinking`: type `disabled` → none (it wins over a budget); `budget_tokens`
 * 0 → none, −1 → auto, else a budget; type `enabled` without a budget → auto.
 */
export function thinkingFromAnthropic(
  thinking: AnthropicThinkingField | null | undefined,
): ThinkingConfig | undefined {
  if (thinking === null || thinking === undefined) return undefined;
  if (thinking.type === 'disabled') return { mode: 'none' };
  if (thinking.budget_tokens !== undefined) return fromBudget(thinking.budget_tokens);
  if (thinking.type === 'enabled') return { mode: 'auto' };
  return undefined;
}

/** Gemini `generationConfig.thinkingConfig`, camelCase or the Python SDK's snake_case. */
export interface GeminiThinkingConfigField {
  readonly thinkingLevel?: string | undefined;
  readonly thinking_level?: string | undefined;
  readonly thinkingBudget?: number | undefined;
  readonly thinking_budget?: number | undefined;
}

/** Gemini: a level (Gemini 3 form) wins over a budget (Gemini 2.5 form). */
export function thinkingFromGemini(
  thinkingConfig: GeminiThinkingConfigField | null | undefined,
): ThinkingConfig | undefined {
  if (thinkingConfig === null || thinkingConfig === undefined) return undefined;
  const level = thinkingConfig.thinkingLevel ?? thinkingConfig.thinking_level;
  if (level !== undefined) return fromEffort(level);
  const budget = thinkingConfig.thinkingBudget ?? thinkingConfig.thinking_budget;
  return budget === undefined ? undefined : fromBudget(budget);
}
