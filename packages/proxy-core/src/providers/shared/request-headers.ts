import type { RequestMetadata } from '../provider.ts';

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
    headers['idempotency-key'] = metadata.idempotencyKey;
  }
  return headers;
}

/** `<base URL>/v1` + `/chat/completions`, tolerating a trailing slash in the configured base URL. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
