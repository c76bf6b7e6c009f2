/**
 * The `encrypted_content` the proxy hands out for a reasoning item: the provider's reasoning signature
 * (Anthropic's thinking signature), marked as the proxy's own. On replay only a marked value is taken back as a
 * signature; anything else (e.g. OpenAI's own encrypted reasoning a client got elsewhere) is not ours to vouch
 * for, and handing it to Anthropic as a signature would get the request refused.
 */
const MARK = 'switchyard.v1.';

export function sealSignature(signature: string): string {
  return `${MARK}${signature}`;
}

export function openSignature(encryptedContent: string | null | undefined): string | undefined {
  if (encryptedContent?.startsWith(MARK) !== true) return undefined;
  const signature = encryptedContent.slice(MARK.length);
  return signature === '' ? undefined : signature;
}
