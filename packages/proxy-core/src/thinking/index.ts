/**
 * Thinking / reasoning validation (issue 4, deliverable 3; upstream-behaviour.md §6). Pipeline:
 * parse (suffix or a dialect's body fields) → `resolveThinkingConfig` → `validateThinking` → a
 * provider's `…ThinkingFields`. Rules in plain words: packages/proxy-core/docs/thinking.md.
 */
export type {
  CapabilityClass,
  ModelThinking,
  ThinkingAdjustment,
  ThinkingCapability,
  ThinkingConfig,
  ThinkingFormat,
  ThinkingMode,
  ThinkingValidation,
  ValidatedThinking,
  ValidationContext,
} from './types.ts';
export {
  EFFORT_ORDER,
  THINKING_LEVELS,
  budgetToLevel,
  isThinkingLevel,
  levelToBudget,
  type EffortLevel,
  type ThinkingLevel,
} from './levels.ts';
export { classifyCapability } from './capability.ts';
export { ThinkingError, type ThinkingErrorCode } from './thinking-error.ts';
export { parseThinkingSuffix } from './suffix.ts';
export {
  thinkingFromAnthropic,
  thinkingFromGemini,
  thinkingFromOpenAiChat,
  thinkingFromOpenAiResponses,
  type AnthropicThinkingField,
  type GeminiThinkingConfigField,
} from './body-sources.ts';
export { resolveThinkingConfig, type ResolvedThinkingRequest } from './resolve.ts';
export { validateThinking } from './validate.ts';
export {
  anthropicThinkingFields,
  type AnthropicThinkingOptions,
  type AnthropicThinkingParam,
} from './apply-anthropic.ts';
export {
  openAiChatThinkingFields,
  openAiResponsesThinkingFields,
  reasoningEffortFor,
} from './apply-openai.ts';
export {
  geminiThinkingFields,
  type GeminiThinkingConfig,
  type GeminiThinkingOptions,
} from './apply-gemini.ts';
