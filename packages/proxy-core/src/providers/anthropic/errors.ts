import type { ClientErrorCode } from '../../errors/catalogue.ts';
import type { ApiErrorSpec } from '../../http/api-error.ts';
import { namingContextLength } from '../shared/context-length.ts';
import { asObject, asString, asUpstreamCode, parseJson } from '../shared/json.ts';
import type { UpstreamErrorDetail } from '../shared/upstream-error.ts';

/** `{type: "error", error: {type, message}, request_id}`. */
export function anthropicErrorFromJson(json: unknown): UpstreamErrorDetail {
  const error = asObject(asObject(json)?.['error']);
  return { code: asUpstreamCode(error?.['type']), message: asString(error?.['message']) };
}

/** Anthropic's words for a prompt over the context window ("prompt is too long: 210000 tokens > 200000 maximum"). */
const CONTEXT_LENGTH_WORDING = /prompt is too long/i;

export function anthropicErrorDetail(bodyText: string): UpstreamErrorDetail {
  return namingContextLength(anthropicErrorFromJson(parseJson(bodyText)), CONTEXT_LENGTH_WORDING);
}

/** Error types → the HTTP status Anthropic uses for them (docs.claude.com/en/api/errors). */
const STATUS_BY_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** An `error` event inside a 200 stream (e.g. `overloaded_error`): the stream failed. */
export function anthropicStreamError(json: unknown): ApiErrorSpec {
  const detail = anthropicErrorFromJson(json);
  const code: ClientErrorCode = detail.code ?? 'upstream_stream_error';
  return {
    status: (Object.hasOwn(STATUS_BY_TYPE, code) ? STATUS_BY_TYPE[code] : undefined) ?? 502,
    code,
    message: `anthropic upstream failed mid-stream: ${detail.message ?? 'unknown error'}`,
  };
}
