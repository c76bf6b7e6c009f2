/**
 * The fields Anthropic's API reference says every Message, content block and usage carries, even when the
 * proxy has nothing to put in them: its schemas mark them required and nullable, so the official SDKs type
 * them as always present. Unknowns are `null` (never a guessed value); one place so the streamed and the
 * non-streamed message cannot drift apart.
 */

/** Message and message_delta fields no provider behind the proxy fills: code-execution containers, refusal details. */
export const MESSAGE_NULL_FIELDS = { stop_details: null, container: null } as const;

export function textBlock(text: string): Record<string, unknown> {
  return { type: 'text', text, citations: null };
}

/** A tool call the model made itself (`caller: direct`), as opposed to one made from a code-execution tool. */
export function toolUseBlock(id: string, name: string, input: unknown): Record<string, unknown> {
  return { type: 'tool_use', id, name, input, caller: { type: 'direct' } };
}
