import type { z } from 'zod';
import { upstreamProviderSchema } from '../shared/upstream-config.ts';

const FLASH_THINKING = { min: 0, max: 24_576, zeroAllowed: true, dynamicAllowed: true };

export const GEMINI_DEFAULTS = {
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  keysEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  cheapestModel: 'gemini-2.5-flash',
  modelPrefixes: ['gemini-'],
  // Google's API documents no Idempotency-Key; it is not sent (configurable).
  forwardIdempotencyKey: false,
  models: [
    { id: 'gemini-2.5-flash', contextWindow: 1_048_576, maxOutputTokens: 65_536, thinking: FLASH_THINKING },
    {
      id: 'gemini-2.5-flash-lite',
      contextWindow: 1_048_576,
      maxOutputTokens: 65_536,
      thinking: FLASH_THINKING,
    },
    {
      id: 'gemini-2.5-pro',
      contextWindow: 1_048_576,
      maxOutputTokens: 65_536,
      thinking: { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true },
    },
  ],
};

export const geminiConfigSchema = upstreamProviderSchema(GEMINI_DEFAULTS);

export type GeminiConfig = z.output<typeof geminiConfigSchema>;
