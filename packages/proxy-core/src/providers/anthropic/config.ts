import { z } from 'zod';
import { upstreamProviderSchema } from '../shared/upstream-config.ts';

/** Claude 4.x thinking (upstream-behaviour.md §6.4): 1024–128000, can switch off, no dynamic budget. */
const CLAUDE_45_THINKING = { min: 1024, max: 128_000, zeroAllowed: true, dynamicAllowed: false };
const CLAUDE_4_THINKING = { min: 1024, max: 128_000, zeroAllowed: false, dynamicAllowed: false };

export const ANTHROPIC_DEFAULTS = {
  baseUrl: 'https://api.anthropic.com/v1',
  keysEnv: ['ANTHROPIC_API_KEY'],
  cheapestModel: 'claude-3-5-haiku-20241022',
  modelPrefixes: ['claude-'],
  // Anthropic's API takes Idempotency-Key like OpenAI's (both SDKs expose the same header hook).
  forwardIdempotencyKey: true,
  models: [
    { id: 'claude-3-5-haiku-20241022', contextWindow: 200_000, maxOutputTokens: 8192 },
    { id: 'claude-haiku-4-5', contextWindow: 200_000, maxOutputTokens: 64_000, thinking: CLAUDE_45_THINKING },
    {
      id: 'claude-sonnet-4-5',
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      thinking: CLAUDE_45_THINKING,
    },
    { id: 'claude-opus-4-1', contextWindow: 200_000, maxOutputTokens: 32_000, thinking: CLAUDE_4_THINKING },
    { id: 'claude-sonnet-4', contextWindow: 200_000, maxOutputTokens: 64_000, thinking: CLAUDE_4_THINKING },
  ],
};

export const anthropicConfigSchema = upstreamProviderSchema(ANTHROPIC_DEFAULTS).extend({
  /** The `anthropic-version` header. */
  version: z.string().min(1).default('2023-06-01'),
  /** `max_tokens` (required by Anthropic) when neither the client nor the model entry gives one. */
  defaultMaxTokens: z.number().int().positive().default(4096),
});

export type AnthropicConfig = z.output<typeof anthropicConfigSchema>;
