/**
 * The `encrypted_content` the proxy hands out for a reasoning item: the provider's proof of that reasoning
 * (Anthropic's thinking signature, or OpenAI's own encrypted reasoning), marked as the proxy's own and with whose
 * kind it is. On replay only a marked value is taken back; anything else (e.g. OpenAI's encrypted reasoning a
 * client got elsewhere) is not ours to vouch for, and handing it to a provider would get the request refused.
 */
import type { ReasoningIssuer } from '../../canonical/content.ts';

/** The prefix of every opaque value the proxy hands a Responses client (also compaction-token.ts). */
export const MARK = 'switchyard.v1.';
/** The kind of a signature without an issuer: a thinking signature in Anthropic's sense. */
const SIGNATURE = 'signature';
const ISSUERS: readonly ReasoningIssuer[] = ['openai', 'gemini', 'anthropic-redacted'];

export interface ReasoningProof {
  readonly signature: string;
  readonly issuer?: ReasoningIssuer;
}

export function sealSignature({ signature, issuer }: ReasoningProof): string {
  return `${MARK}${issuer ?? SIGNATURE}.${signature}`;
}

export function openSignature(encryptedContent: string | null | undefined): ReasoningProof | undefined {
  if (encryptedContent?.startsWith(MARK) !== true) return undefined;
  const rest = encryptedContent.slice(MARK.length);
  const dot = rest.indexOf('.');
  const kind = rest.slice(0, dot);
  const signature = rest.slice(dot + 1);
  if (dot < 0 || signature === '') return undefined;
  if (kind === SIGNATURE) return { signature };
  const issuer = ISSUERS.find((known) => known === kind);
  return issuer === undefined ? undefined : { signature, issuer };
}
