import { catalogued, type ClientErrorCode, type ErrorCode } from '../../errors/catalogue.ts';
import type { ApiErrorSpec } from '../../http/api-error.ts';
import { ProviderError, retryAfterFromHeaders } from '../provider-error.ts';
import { CONTEXT_LENGTH_EXCEEDED, isContextLengthRefusal } from './context-length.ts';

/** A non-2xx upstream answer, as read before mapping. */
export interface UpstreamFailure {
  readonly status: number;
  readonly headers: Headers;
  /** The body text, cut to a bounded length. */
  readonly bodyText: string;
}

/** What a provider's `errors.ts` extracts from its own error body shape. */
export interface UpstreamErrorDetail {
  /** The upstream's own code ({@link upstreamCode}), or the proxy's name for what it said (context length). */
  readonly code?: ClientErrorCode | undefined;
  readonly message?: string | undefined;
}

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid_request_error',
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

export function codeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'upstream_server_error' : 'invalid_request_error');
}

/** Whether an upstream status means the proxy's key (not the client's) was refused. */
export function isUpstreamAuthFailure(status: number): boolean {
  return status === 401 || status === 403;
}

/**
 * The proxy's own words for an upstream that refused its key. Never the upstream's text: providers echo the
 * key they were sent (`Incorrect API key provided: sk-…`). A 502, not a 401/403, so the official SDKs do not
 * raise AuthenticationError about the client's key, which was fine; final (`x-should-retry: false`), because
 * the operator must fix the key.
 */
export function upstreamAuthFailure(
  provider: string,
  upstreamStatus: number,
  keyFixHint: string,
): ApiErrorSpec {
  const what = upstreamStatus === 403 ? 'refused permission to' : 'rejected';
  return {
    ...catalogued('upstream_authentication_failed'),
    message: `The ${provider} upstream ${what} the proxy's API key (HTTP ${upstreamStatus}); your own key was accepted. The operator must fix the ${provider} key (${keyFixHint}).`,
    retryable: false,
  };
}

/**
 * The ProviderError for an upstream failure: the upstream's real status and retry hint, the upstream's code
 * when it sent one, and a message naming the provider. A refused proxy key is {@link upstreamAuthFailure}.
 */
export function providerErrorFrom(
  provider: string,
  failure: UpstreamFailure,
  detail: UpstreamErrorDetail,
  keyFixHint: string,
): ProviderError {
  const { status, headers, bodyText } = failure;
  if (isUpstreamAuthFailure(status))
    return new ProviderError(upstreamAuthFailure(provider, status, keyFixHint));
  const upstreamMessage = detail.message ?? (bodyText.trim().slice(0, 300) || `HTTP ${status}`);
  const retryAfterMs = retryAfterFromHeaders(headers);
  // A context-length code on anything but a 400/413 is not a prompt-size refusal: the status's code instead.
  const misnamed = detail.code === CONTEXT_LENGTH_EXCEEDED && !isContextLengthRefusal(status, detail.code);
  const code = misnamed ? codeForStatus(status) : (detail.code ?? codeForStatus(status));
  return new ProviderError({
    status,
    code,
    message: `${provider} upstream error ${status}: ${upstreamMessage}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
