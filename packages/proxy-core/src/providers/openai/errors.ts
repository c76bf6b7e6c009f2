import type { ApiErrorSpec } from '../../http/api-error.ts';
import { asObject, asString, type JsonObject } from '../shared/json.ts';

export { openAiErrorDetail } from '../openai-compatible/errors.ts';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  server_error: 500,
  server_is_overloaded: 503,
  invalid_prompt: 400,
  context_length_exceeded: 400,
};

/** `response.failed` (its `response.error`) or a bare `error` event, inside a 200 stream. */
export function responsesStreamError(source: JsonObject | undefined): ApiErrorSpec {
  const code = asString(source?.['code']) ?? 'upstream_stream_error';
  return {
    status: STATUS_BY_CODE[code] ?? 502,
    code,
    message: `openai upstream failed mid-stream: ${asString(source?.['message']) ?? 'unknown error'}`,
  };
}

export function failedResponseError(event: JsonObject): ApiErrorSpec {
  return responsesStreamError(asObject(asObject(event['response'])?.['error']));
}
