import type { ValidatedThinking } from '../../thinking/types.ts';
import { reasoningEffortFor } from '../shared/chat-completions/thinking-fields.ts';

/**
 * Responses: `reasoning.effort`, and the client's `reasoning.summary` when it asked for one (Codex sends `auto`: without
 * it the Responses API returns no reasoning summary to show).
 */
export function openAiResponsesThinkingFields(
  thinking: ValidatedThinking,
  summary?: string,
): { readonly reasoning: { readonly effort: string; readonly summary?: string } } {
  const effort = reasoningEffortFor(thinking);
  return { reasoning: summary === undefined ? { effort } : { effort, summary } };
}
