import type { ValidatedThinking } from '../../thinking/types.ts';
import { reasoningEffortFor } from '../shared/chat-completions/thinking-fields.ts';

/** Responses: `reasoning.effort` (merge into any `reasoning` object the adapter builds, e.g. `summary`). */
export function openAiResponsesThinkingFields(thinking: ValidatedThinking): {
  readonly reasoning: { readonly effort: string };
} {
  return { reasoning: { effort: reasoningEffortFor(thinking) } };
}
