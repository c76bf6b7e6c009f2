/**
 * "The prompt does not fit this model's context window", in each provider family's own words. The proxy names
 * every such refusal with OpenAI's code, `context_length_exceeded`, whatever the provider said: clients key on
 * that code (the Codex CLI compacts its history on it), and a fallback chain moves on to its next target (S12
 * of the fault catalogue: route to a larger model) instead of ending the request.
 */
export const CONTEXT_LENGTH_EXCEEDED = 'context_length_exceeded';

const REFUSAL_WORDING: readonly RegExp[] = [
  /maximum context length/i, // OpenAI and the OpenAI-compatible family (DeepSeek)
  /prompt is too long/i, // Anthropic
  /input token count .* exceeds the maximum/i, // Gemini
  /exceeded model token limit/i, // Kimi (Moonshot)
  /range of input length should be/i, // Qwen (DashScope)
];

/** A 400/413 refusal because of the prompt's length, by the upstream's code or its message. */
export function isContextLengthRefusal(status: number, code: string | undefined, message: string): boolean {
  if (status !== 400 && status !== 413) return false;
  return code === CONTEXT_LENGTH_EXCEEDED || REFUSAL_WORDING.some((wording) => wording.test(message));
}
