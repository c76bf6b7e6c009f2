import { z } from 'zod';
import { upstreamProviderSchema } from '../shared/upstream-config.ts';

/**
 * A budget-thinking Claude: `budget_tokens` at least 1024 and below `max_tokens`, so at most the model's documented
 * output limit; it can be switched off. `adaptive`: the model also takes `thinking: {type: "adaptive"}` (Claude 4.6,
 * "What's new in Claude 4.6"), the dynamic setting a client's adaptive thinking stays.
 */
function budgetThinking(maxOutputTokens: number, adaptive: boolean) {
  return { min: 1024, max: maxOutputTokens, zeroAllowed: true, dynamicAllowed: adaptive };
}

/**
 * An effort Claude (Opus 4.7 and later, the Claude 5 family): adaptive thinking only, steered by
 * `output_config.effort` (`low` … `max`, the SDK's `OutputConfig.effort`); `budget_tokens` is refused. Levels and no
 * budget range make it a level-only model, which is what tells the applier to write adaptive + effort
 * (`thinksByEffort`): budgets convert to the nearest level, auto is adaptive at the model's default effort.
 */
const effortThinking = { levels: ['low', 'medium', 'high', 'xhigh', 'max'], dynamicAllowed: true };

/**
 * Ids from `@anthropic-ai/sdk`'s `Model` union, none in its deprecated list (checked by default-catalogs.test.ts);
 * windows and output limits from each model's page, platform.claude.com/docs/en/models/<model>/overview.
 */
export const ANTHROPIC_DEFAULTS = {
  baseUrl: 'https://api.anthropic.com/v1',
  keysEnv: ['ANTHROPIC_API_KEY'],
  // The cheapest listed Claude ($0.10/$0.50 per MTok for prompts up to 100K tokens, models/haiku-5-5/overview).
  cheapestModel: 'claude-haiku-5-5',
  modelPrefixes: ['claude-'],
  // Anthropic's API takes Idempotency-Key like OpenAI's (both SDKs expose the same header hook).
  forwardIdempotencyKey: true,
  models: [
    // models/haiku-5-5/overview: 1M context, 128K output, adaptive thinking with effort (default medium).
    { id: 'claude-haiku-5-5', contextWindow: 1_000_000, maxOutputTokens: 128_000, thinking: effortThinking },
    // models/sonnet-5-5/overview: 1M context, 128K output, adaptive thinking with effort (default high).
    { id: 'claude-sonnet-5-5', contextWindow: 1_000_000, maxOutputTokens: 128_000, thinking: effortThinking },
    // models/opus-5-5/overview: 1M context, 128K output, adaptive thinking always on (default effort medium).
    { id: 'claude-opus-5-5', contextWindow: 1_000_000, maxOutputTokens: 128_000, thinking: effortThinking },
    // about-claude/models/migration-guide (Opus 4.7): 1M context, 128K output, adaptive thinking only.
    { id: 'claude-opus-4-7', contextWindow: 1_000_000, maxOutputTokens: 128_000, thinking: effortThinking },
    // models/haiku-4-5/overview: 200K context, 64K output.
    {
      id: 'claude-haiku-4-5',
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      thinking: budgetThinking(64_000, false),
    },
    // models/sonnet-4-6/overview: 1M context, 128K output.
    {
      id: 'claude-sonnet-4-6',
      contextWindow: 1_000_000,
      maxOutputTokens: 128_000,
      thinking: budgetThinking(128_000, true),
    },
    // models/opus-4-6/overview: 1M context, 128K output.
    {
      id: 'claude-opus-4-6',
      contextWindow: 1_000_000,
      maxOutputTokens: 128_000,
      thinking: budgetThinking(128_000, true),
    },
  ],
};

export const anthropicConfigSchema = upstreamProviderSchema(ANTHROPIC_DEFAULTS).extend({
  /** The `anthropic-version` header. */
  version: z.string().min(1).default('2023-06-01'),
  /** `max_tokens` (required by Anthropic) when neither the client nor the model entry gives one. */
  defaultMaxTokens: z.number().int().positive().default(4096),
});

export type AnthropicConfig = z.output<typeof anthropicConfigSchema>;
