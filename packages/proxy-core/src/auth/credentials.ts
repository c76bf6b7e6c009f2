/**
 * Where a client key may travel, in the documented order: `Authorization: Bearer`, `x-api-key`
 * (Anthropic SDKs), `x-goog-api-key` (Gemini clients), then the `?key=` query parameter.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type CredentialSource = 'authorization' | 'x-api-key' | 'x-goog-api-key' | 'query-key';

export interface PresentedCredential {
  readonly source: CredentialSource;
  readonly secret: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  const value = header(headers, 'authorization');
  if (value === undefined) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(value);
  return match?.[1]?.trim();
}

function queryKey(url: string): string | undefined {
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  const value = new URLSearchParams(url.slice(query + 1)).get('key');
  return value === null || value === '' ? undefined : value;
}

/** Every credential the request carries, in the order they are tried. */
export function presentedCredentials(
  headers: IncomingHttpHeaders,
  url: string,
  acceptQueryKey: boolean,
): PresentedCredential[] {
  const found: PresentedCredential[] = [];
  const push = (source: CredentialSource, secret: string | undefined): void => {
    if (secret !== undefined) found.push({ source, secret });
  };
  push('authorization', bearer(headers));
  push('x-api-key', header(headers, 'x-api-key'));
  push('x-goog-api-key', header(headers, 'x-goog-api-key'));
  if (acceptQueryKey) push('query-key', queryKey(url));
  return found;
}

/**
 * A client that presents its key the way Gemini clients do — `x-goog-api-key` or `?key=`, with no OpenAI
 * (`Authorization`) or Anthropic (`x-api-key`) key before it. `@google/genai` and the Gemini CLI do; the OpenAI
 * and Anthropic SDKs never send either.
 */
export function isGeminiClient(headers: IncomingHttpHeaders, url: string): boolean {
  const source = presentedCredentials(headers, url, true)[0]?.source;
  return source === 'x-goog-api-key' || source === 'query-key';
}
