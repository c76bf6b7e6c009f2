import { ProviderError, retryAfterFromHeaders } from '../provider-error.ts';

/** A non-2xx upstream answer, as read before mapping. */
export interface UpstreamFailure {
  readonly status: number;
  readonly headers: Headers;
  /** The body text, cut to a bounded length. */
  readonly bodyText: string;
}

/** What a provider's `errors.ts` extracts from its own error body shape. */
export interface UpstreamErrorDetail {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'upstream_authentication_error',
  403: 'upstream_permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'upstream_server_error',
  502: 'upstream_bad_gateway',
  503: 'upstream_unavailable',
  504: 'upstream_timeout',
  529: 'overloaded_error',
};

export function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'upstream_server_error' : 'invalid_request_error');
}

/**
 * The ProviderError for an upstream failure: the upstream's real status and retry hint, the
 * upstream's code when it sent one, and a message naming the provider. Auth failures say how to fix
 * the key, because the client's own key was fine — it is the proxy's key that was rejected.
 */
export function providerErrorFrom(
  provider: string,
  failure: UpstreamFailure,
  detail: UpstreamErrorDetail,
  keyFixHint: string,
): ProviderError {
  const { status, headers, bodyText } = failure;
  const upstreamMessage = detail.message ?? (bodyText.trim().slice(0, 300) || `HTTP ${status}`);
  const authHint =
    status === 401 || status === 403
      ? ` The proxy's ${provider} API key was rejected; check it (${keyFixHint}).`
      : '';
  const retryAfterMs = retryAfterFromHeaders(headers);
  return new ProviderError({
    status,
    code: detail.code ?? codeForStatus(status),
    message: `${provider} upstream error ${status}: ${upstreamMessage}${authHint}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
