/**
 * Legacy Completions → the canonical request: the prompt becomes one user message, so any provider can answer
 * it as chat. A prompt given as token ids, or several prompts, cannot be carried; nor can `echo`, `suffix`,
 * `logprobs` or `best_of` > 1, which would change the answer — each is a 400 naming it.
 */
import type { DecodedRequest } from '../../canonical/request.ts';
import { isFalse, rejectUncarried, type UncarriedField } from '../../canonical/uncarried.ts';
import { parseBody } from '../../canonical/validate.ts';
import { completionsRequestSchema } from './schema.ts';

const UNCARRIED: readonly UncarriedField[] = [
  { param: 'echo', feature: 'the prompt echoed before the completion', isDefault: isFalse },
  { param: 'suffix', feature: 'text inserted after the completion' },
  { param: 'logprobs', feature: 'token log probabilities', isDefault: (value) => value === 0 },
  { param: 'best_of', feature: 'several completions ranked server-side', isDefault: (value) => value === 1 },
  {
    param: 'logit_bias',
    feature: 'token biases',
    isDefault: (value) => typeof value === 'object' && value !== null && Object.keys(value).length === 0,
  },
  { param: 'seed', feature: 'deterministic sampling' },
  { param: 'frequency_penalty', feature: 'a frequency penalty', isDefault: (value) => value === 0 },
  { param: 'presence_penalty', feature: 'a presence penalty', isDefault: (value) => value === 0 },
];

export function decodeCompletionsRequest(raw: unknown): DecodedRequest & { readonly includeUsage: boolean } {
  const body = parseBody(completionsRequestSchema, raw);
  rejectUncarried(body, UNCARRIED);
  const prompt = typeof body.prompt === 'string' ? body.prompt : (body.prompt[0] ?? '');
  const stop = body.stop ?? [];
  return {
    dialect: 'openai-chat',
    model: body.model,
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
    tools: [],
    stopSequences: typeof stop === 'string' ? [stop] : stop,
    ...(body.max_tokens == null ? {} : { maxOutputTokens: body.max_tokens }),
    ...(body.temperature == null ? {} : { temperature: body.temperature }),
    ...(body.top_p == null ? {} : { topP: body.top_p }),
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
  };
}
