import type { ClientErrorCode } from '../../errors/catalogue.ts';
import type { ApiErrorSpec } from '../../http/api-error.ts';
import { namingContextLength } from '../shared/context-length.ts';
import { asNumber, asObject, asString, asUpstreamCode, parseJson } from '../shared/json.ts';
import type { UpstreamErrorDetail } from '../shared/upstream-error.ts';

/** Google's error shape: `{error: {code, message, status: "RESOURCE_EXHAUSTED"}}`. */
export function geminiErrorFromJson(
  json: unknown,
): UpstreamErrorDetail & { readonly httpCode?: number | undefined } {
  // Non-SSE error bodies are sometimes wrapped in a one-element array.
  const body = asObject(Array.isArray(json) ? (json as unknown[])[0] : json);
  const error = asObject(body?.['error']);
  return {
    code: asUpstreamCode(error?.['status']),
    message: asString(error?.['message']),
    httpCode: asNumber(error?.['code']),
  };
}

/** Gemini's words for a prompt over the context window ("The input token count (N) exceeds the maximum …"). */
const CONTEXT_LENGTH_WORDING = /input token count .* exceeds the maximum/i;

export function geminiErrorDetail(bodyText: string): UpstreamErrorDetail {
  return namingContextLength(geminiErrorFromJson(parseJson(bodyText)), CONTEXT_LENGTH_WORDING);
}

/** An `{error}` frame inside a 200 stream. */
export function geminiStreamError(json: unknown): ApiErrorSpec {
  const detail = geminiErrorFromJson(json);
  const code: ClientErrorCode = detail.code ?? 'upstream_stream_error';
  return {
    status: detail.httpCode !== undefined && detail.httpCode >= 400 ? detail.httpCode : 502,
    code,
    message: `gemini upstream failed mid-stream: ${detail.message ?? 'unknown error'}`,
  };
}
