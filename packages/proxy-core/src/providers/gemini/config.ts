import type { z } from 'zod';
import { upstreamProviderSchema } from '../shared/upstream-config.ts';

/**
 * `@google/genai` carries no model list, so ids, limits and thinking levels come from Google's model pages
 * (ai.google.dev/gemini-api/docs/models/<model>; the same figures on docs.cloud.google.com's Gemini model pages).
 */
export const GEMINI_DEFAULTS = {
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  keysEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  // Google's "most cost-efficient Gemini model" (models/gemini-3.1-flash-lite).
  cheapestModel: 'gemini-3.1-flash-lite',
  modelPrefixes: ['gemini-'],
  // Google's API documents no Idempotency-Key; it is not sent (configurable).
  forwardIdempotencyKey: false,
  models: [
    // 1,048,576 input / 65,536 output tokens; thinking levels minimal, low, medium, high.
    {
      id: 'gemini-3.1-flash-lite',
      contextWindow: 1_048_576,
      maxOutputTokens: 65_536,
      thinking: { levels: ['minimal', 'low', 'medium', 'high'] },
    },
    // 1,048,576 input / 65,536 output tokens; thinking levels low, medium, high (minimal is refused).
    {
      id: 'gemini-3.8-flash',
      contextWindow: 1_048_576,
      maxOutputTokens: 65_536,
      thinking: { levels: ['low', 'medium', 'high'] },
    },
  ],
};

export const geminiConfigSchema = upstreamProviderSchema(GEMINI_DEFAULTS);

export type GeminiConfig = z.output<typeof geminiConfigSchema>;
