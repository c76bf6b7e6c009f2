import { createHash } from 'node:crypto';
import type { RequestMetadata } from '../provider.ts';

/**
 * The Idempotency-Key sent upstream for a client's key: SHA-256 (hex) of `<principal>\n<client key>`. Every
 * client reaches a provider through the same provider key, so a client's raw key would share one upstream
 * namespace with every other client's: two clients picking the same key (`1`, a counter, a date) would get
 * each other's deduplicated answers. Scoped by principal, they cannot collide; hashed, the client's value
 * is not disclosed upstream. Stable, so every retry of one client request still carries the same key.
 */
export function upstreamIdempotencyKey(principal: string | undefined, clientKey: string): string {
  return createHash('sha256')
    .update(`${principal ?? ''}\n${clientKey}`)
    .digest('hex');
}

/**
 * Headers every upstream request carries, built from scratch: nothing from the client's request is
 * copied, so the client's own key can never reach the upstream. The provider adds its auth header.
 */
export function baseHeaders(
  metadata: RequestMetadata,
  options: {
    readonly streamed: boolean;
    readonly forwardIdempotencyKey: boolean;
    readonly extra: Readonly<Record<string, string>>;
  },
): Record<string, string> {
  const headers: Record<string, string> = {
    ...options.extra,
    'content-type': 'application/json',
    accept: options.streamed ? 'text/event-stream' : 'application/json',
  };
  // The same key on every retry of one client request lets the upstream deduplicate our retries.
  if (options.forwardIdempotencyKey && metadata.idempotencyKey !== undefined) {
    headers['idempotency-key'] = upstreamIdempotencyKey(metadata.principal, metadata.idempotencyKey);
  }
  return headers;
}

/** `<base URL>/v1` + `/chat/completions`, tolerating a trailing slash in the configured base URL. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
