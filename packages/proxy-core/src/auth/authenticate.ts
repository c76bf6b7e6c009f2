/**
 * The auth decision for one request, independent of fastify so it is easy to test: the first
 * presented credential that matches a configured key wins; none presented → missing; none matching →
 * invalid.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { presentedCredentials, type CredentialSource } from './credentials.ts';
import type { KeySet } from './key-set.ts';

export interface Authenticated {
  readonly principal: string;
  readonly source: CredentialSource;
}

export function authenticate(
  keys: KeySet,
  headers: IncomingHttpHeaders,
  url: string,
  acceptQueryKey: boolean,
): Authenticated {
  const credentials = presentedCredentials(headers, url, acceptQueryKey);
  for (const credential of credentials) {
    const principal = keys.principalFor(credential.secret);
    if (principal !== undefined) return { principal, source: credential.source };
  }
  if (credentials.length === 0) {
    throw new ApiError({
      ...catalogued('missing_api_key'),
      message:
        'Missing API key. Send it as "Authorization: Bearer <key>", "x-api-key: <key>", "x-goog-api-key: <key>"' +
        (acceptQueryKey ? ' or "?key=<key>".' : '.'),
    });
  }
  throw new ApiError(catalogued('invalid_api_key'));
}
