import { z } from 'zod';
import { upstreamProviderSchema } from '../shared/upstream-config.ts';
import type { ChatQuirks } from '../shared/chat-completions/quirks.ts';

const GPT5_LEVELS = ['minimal', 'low', 'medium', 'high'];
const CODEX_LEVELS = ['low', 'medium', 'high'];

export const OPENAI_DEFAULTS = {
  baseUrl: 'https://api.openai.com/v1',
  keysEnv: ['OPENAI_API_KEY'],
  cheapestModel: 'gpt-5-codex-mini',
  modelPrefixes: ['gpt-', 'o1', 'o3', 'o4', 'chatgpt-', 'codex-'],
  // OpenAI's API accepts Idempotency-Key (its SDKs expose the header hook); retries become safe.
  forwardIdempotencyKey: true,
  models: [
    { id: 'gpt-5-codex-mini', contextWindow: 400_000, thinking: { levels: CODEX_LEVELS } },
    { id: 'gpt-5-codex', contextWindow: 400_000, thinking: { levels: CODEX_LEVELS } },
    { id: 'gpt-5', contextWindow: 400_000, thinking: { levels: GPT5_LEVELS } },
    { id: 'gpt-5-mini', contextWindow: 400_000, thinking: { levels: GPT5_LEVELS } },
    { id: 'gpt-5.1', contextWindow: 400_000, thinking: { levels: ['none', 'low', 'medium', 'high'] } },
    { id: 'gpt-4.1-mini', contextWindow: 1_047_576 },
    { id: 'gpt-4o-mini', contextWindow: 128_000 },
  ],
};

export const openAiConfigSchema = upstreamProviderSchema(OPENAI_DEFAULTS).extend({
  /**
   * Which upstream API to call: `auto` uses the Responses API for clients speaking Responses and Chat
   * Completions for the others (so each client's features map one to one); or force one.
   */
  api: z
    .enum(['auto', 'responses', 'chat'], { error: 'must be "auto", "responses" or "chat"' })
    .default('auto'),
  /**
   * Models OpenAI serves only on the Responses API (its codex family): with `api: auto`, any model whose id
   * contains one of these goes to `/responses` whatever dialect the client speaks — on Chat Completions the
   * upstream would refuse it.
   */
  responsesOnlyModels: z
    .array(z.string().min(1), { error: 'must be a list of model-id fragments, e.g. ["codex"]' })
    .default(['codex']),
});

export type OpenAiConfig = z.output<typeof openAiConfigSchema>;

/** OpenAI's own Chat Completions: reasoning models reject `max_tokens`. */
export const OPENAI_CHAT_QUIRKS: ChatQuirks = { maxTokensField: 'max_completion_tokens', images: true };
