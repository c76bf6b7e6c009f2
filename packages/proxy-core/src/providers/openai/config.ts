import { z } from 'zod';
import { upstreamProviderSchema } from '../shared/upstream-config.ts';
import type { ChatQuirks } from '../shared/chat-completions/quirks.ts';

/** Reasoning efforts of the GPT-5.6 and GPT-6 families ("Reasoning.effort supports: none, low, …, max"). */
const EFFORTS = ['none', 'low', 'medium', 'high', 'xhigh', 'max'];

/**
 * Ids from the `openai` SDK's `ChatModel` union (checked by default-catalogs.test.ts); windows and efforts from each
 * model's page, developers.openai.com/api/docs/models/<model>.
 */
export const OPENAI_DEFAULTS = {
  baseUrl: 'https://api.openai.com/v1',
  keysEnv: ['OPENAI_API_KEY'],
  // The cheapest current model: $0.10 / $0.50 per MTok (models/gpt-6-luna).
  cheapestModel: 'gpt-6-luna',
  modelPrefixes: ['gpt-', 'o1', 'o3', 'o4', 'chatgpt-', 'codex-'],
  // OpenAI's API accepts Idempotency-Key (its SDKs expose the header hook); retries become safe.
  forwardIdempotencyKey: true,
  models: [
    // models/gpt-6-luna: 1,050,000 context window.
    { id: 'gpt-6-luna', contextWindow: 1_050_000, thinking: { levels: EFFORTS } },
    // models/gpt-5.6-luna: 1,050,000 context window.
    { id: 'gpt-5.6-luna', contextWindow: 1_050_000, thinking: { levels: EFFORTS } },
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
