import { namingContextLength } from '../context-length.ts';
import type { ClientErrorCode } from '../../../errors/catalogue.ts';
import type { ApiErrorSpec } from '../../../http/api-error.ts';
import { asObject, asString, asUpstreamCode, parseJson } from '../json.ts';
import type { UpstreamErrorDetail } from '../upstream-error.ts';

/**
 * OpenAI-style error bodies: `{error: {message, type, code}}`; some compatible upstreams send
 * `{error: "text"}` or a flat `{message, code}`.
 */
/**
 * The family's words for a prompt over the context window, besides OpenAI's own code: OpenAI and DeepSeek
 * ("This model's maximum context length is …"), Kimi ("exceeded model token limit"), Qwen/DashScope
 * ("Range of input length should be …").
 */
const CONTEXT_LENGTH_WORDING =
  /maximum context length|exceeded model token limit|range of input length should be/i;

export function openAiErrorDetail(bodyText: string): UpstreamErrorDetail {
  return namingContextLength(openAiErrorFromJson(parseJson(bodyText)), CONTEXT_LENGTH_WORDING);
}

export function openAiErrorFromJson(json: unknown): UpstreamErrorDetail {
  const body = asObject(json);
  if (body === undefined) return {};
  const error = asObject(body['error']);
  if (error === undefined) {
    return {
      message: asString(body['error']) ?? asString(body['message']),
      code: asUpstreamCode(body['code']),
    };
  }
  return {
    message: asString(error['message']),
    code: asUpstreamCode(error['code']) ?? asUpstreamCode(error['type']),
  };
}

const STREAM_STATUS_BY_CODE: Readonly<Record<string, number>> = {
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  insufficient_quota: 429,
  server_error: 500,
  overloaded: 503,
  overloaded_error: 503,
  invalid_request_error: 400,
  invalid_prompt: 400,
  context_length_exceeded: 400,
  server_is_overloaded: 503,
};

/**
 * The status an OpenAI-style error code stands for, when it arrives inside a 200 stream and so has none
 * of its own (Chat Completions and the Responses API share the codes).
 */
export function streamErrorStatus(code: string): number {
  // Own keys only: an upstream code such as `constructor` must not find Object.prototype's.
  return (Object.hasOwn(STREAM_STATUS_BY_CODE, code) ? STREAM_STATUS_BY_CODE[code] : undefined) ?? 502;
}

/** An error that arrived inside a 200 stream: no HTTP status, so it is derived from the code. */
export function streamErrorSpec(provider: string, json: unknown): ApiErrorSpec {
  const detail = openAiErrorFromJson(json);
  const code: ClientErrorCode = detail.code ?? 'upstream_stream_error';
  return {
    status: streamErrorStatus(code),
    code,
    message: `${provider} upstream failed mid-stream: ${detail.message ?? 'unknown error'}`,
  };
}
