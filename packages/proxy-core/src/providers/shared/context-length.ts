import type { ErrorCode } from '../../errors/catalogue.ts';
import type { UpstreamErrorDetail } from './upstream-error.ts';

/**
 * "The prompt does not fit this model's context window". The proxy names every such refusal with OpenAI's
 * code, `context_length_exceeded`, whatever the provider said: clients key on that code (the Codex CLI
 * compacts its history on it), and a fallback chain moves on to its next target (S12 of the fault catalogue:
 * route to a larger model) instead of ending the request. Each provider's `errors.ts` recognises its own
 * wording with {@link namingContextLength}; providerErrorFrom keeps the code for 400/413 refusals only.
 */
export const CONTEXT_LENGTH_EXCEEDED = 'context_length_exceeded' satisfies ErrorCode;

/** `detail` with the context-length code when its message matches the provider's `wording`. */
export function namingContextLength(detail: UpstreamErrorDetail, wording: RegExp): UpstreamErrorDetail {
  return detail.message !== undefined && wording.test(detail.message)
    ? { ...detail, code: CONTEXT_LENGTH_EXCEEDED }
    : detail;
}

/** A refusal because of the prompt's length: a 400/413 whose detail carries the context-length code. */
export function isContextLengthRefusal(status: number, code: string | undefined): boolean {
  return (status === 400 || status === 413) && code === CONTEXT_LENGTH_EXCEEDED;
}
