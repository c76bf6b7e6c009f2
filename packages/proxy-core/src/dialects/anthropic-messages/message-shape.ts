/**
 * The fields Anthropic's API reference says every Message, content block and usage carries, even when the
 * proxy has nothing to put in them: its schemas mark them required and nullable, so the official SDKs type
 * them as always present. Unknowns are `null` (never a guessed value); one place so the streamed and the
 * non-streamed message cannot drift apart.
 */

import type { Citation } from '../../canonical/citation.ts';

/** Message and message_delta fields no provider behind the proxy fills: code-execution containers, refusal details. */
export const MESSAGE_NULL_FIELDS = { stop_details: null, container: null } as const;

/** A text block; its citations are Anthropic's own, or `null` when it has none (another API's cannot be replayed). */
export function textBlock(text: string, citations: readonly Citation[] = []): Record<string, unknown> {
  const own = messagesCitations(citations);
  return { type: 'text', text, citations: own.length === 0 ? null : own };
}

/**
 * The citations a Messages client gets: Anthropic's, as it sent them. Another upstream's (OpenAI's URL
 * citations) are left out: Anthropic's types need what they lack (a search result's `encrypted_index`), and a
 * client hands its answer back to Anthropic on the next turn.
 */
export function messagesCitations(citations: readonly Citation[] = []): Readonly<Record<string, unknown>>[] {
  return citations.flatMap((citation) =>
    citation.dialect === 'anthropic-messages' ? [citation.native] : [],
  );
}

/** A tool call the model made itself (`caller: direct`), as opposed to one made from a code-execution tool. */
export function toolUseBlock(id: string, name: string, input: unknown): Record<string, unknown> {
  return { type: 'tool_use', id, name, input, caller: { type: 'direct' } };
}
