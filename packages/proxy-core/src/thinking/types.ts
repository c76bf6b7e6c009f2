/**
 * Types of thinking validation (upstream-behaviour.md §6). A request's thinking setting is parsed into a
 * `ThinkingConfig`, checked against the target model's `ModelThinking` and turned into a
 * `ValidatedThinking`, which a provider applier renders as request fields.
 */

/**
 * A thinking setting as the client asked for it, not yet checked against a model.
 * `level` stays a free string: a body may name a level no model knows, which validation rejects
 * with `unknown_level` or `level_not_supported` rather than the parser dropping it.
 */
export type ThinkingConfig =
  | { readonly mode: 'none' }
  | { readonly mode: 'auto' }
  | { readonly mode: 'budget'; readonly budget: number }
  | { readonly mode: 'level'; readonly level: string };

export type ThinkingMode = ThinkingConfig['mode'];

/**
 * A setting the target model accepts. `none` carries a budget because a model that cannot switch
 * thinking off gets its minimum instead (§6.3 rule 8), plus the lowest level when it has levels.
 * `auto` means a dynamic budget (−1 on the wire).
 */
export type ValidatedThinking =
  | { readonly mode: 'none'; readonly budget: number; readonly level?: string }
  | { readonly mode: 'auto' }
  | { readonly mode: 'budget'; readonly budget: number }
  | { readonly mode: 'level'; readonly level: string };

/**
 * What a model supports (§6.4). `min`/`max` bound budgets; `levels` lists accepted level names in the
 * provider's own order (the first is the lowest). Omitted fields mean 0 / false / none.
 */
export interface ThinkingCapability {
  // `| undefined` so a zod `.optional()` config schema's output is assignable under
  // exactOptionalPropertyTypes.
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** Budget 0 switches thinking off. */
  readonly zeroAllowed?: boolean | undefined;
  /** Budget −1 (auto, provider decides) is accepted. */
  readonly dynamicAllowed?: boolean | undefined;
  readonly levels?: readonly string[] | undefined;
}

/**
 * What the proxy knows about a model's thinking: its capability; `'unsupported'` for a model listed
 * without thinking; `'unknown'` for a model with no registry entry (user-defined, passed through).
 */
export type ModelThinking = ThinkingCapability | 'unsupported' | 'unknown';

/**
 * §6.1 capability classes: budget-only (a budget range, no levels), level-only (levels, no range),
 * hybrid (both), none, unknown.
 */
export type CapabilityClass = 'budget-only' | 'level-only' | 'hybrid' | 'none' | 'unknown';

/**
 * The wire formats a thinking setting is read from or written to (§6.3 `from` / `to`):
 * `openai` = Chat Completions `reasoning_effort`, `openai-response` = Responses `reasoning.effort`,
 * `claude` = Anthropic `thinking`, `gemini` = `generationConfig.thinkingConfig`. OpenAI-compatible
 * providers (kimi, qwen, deepseek) are written in the `openai` format.
 */
export type ThinkingFormat = 'openai' | 'openai-response' | 'claude' | 'gemini';

export interface ValidationContext {
  /** Format the client used; undefined when unknown (then budgets are never strict, §6.3 rule 2). */
  readonly from: ThinkingFormat | undefined;
  /** Format of the provider request. */
  readonly to: ThinkingFormat;
  /** The setting came from a `model(value)` suffix: budgets are clamped, never rejected (rule 2). */
  readonly fromSuffix: boolean;
  /** Model id for error messages. */
  readonly model?: string;
}

/**
 * A change validation made to what the client asked for. Upstream adjusted silently (§12 #16); we
 * report each one so the caller can surface it (log line or response header).
 */
export interface ThinkingAdjustment {
  readonly kind: 'converted' | 'clamped' | 'defaulted';
  readonly message: string;
}

export interface ThinkingValidation {
  readonly config: ValidatedThinking;
  readonly adjustments: readonly ThinkingAdjustment[];
}
