import { z } from 'zod';
import { boundedArray } from '../../canonical/bounded-array.ts';

/**
 * The legacy Completions request (`POST /v1/completions`) as far as it can be served through chat: one prompt,
 * one choice. Fields that would change the answer and cannot be carried are refused by decode.ts.
 */
export const completionsRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.union([z.string(), boundedArray(z.string(), { min: 1, max: 1 })]),
  max_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), boundedArray(z.string(), { max: 4 })]).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  n: z.number().int().min(1).max(1, { error: 'only n: 1 is served (one choice per request)' }).nullish(),
  user: z.string().nullish(),
});

export type CompletionsRequestBody = z.output<typeof completionsRequestSchema>;
