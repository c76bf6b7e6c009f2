import type { ClientErrorCode } from '../../errors/catalogue.ts';
import type { ApiErrorSpec } from '../../http/api-error.ts';
import { asObject, asString, asUpstreamCode, type JsonObject } from '../shared/json.ts';

import { streamErrorStatus } from '../shared/chat-completions/errors.ts';

/** `response.failed` (its `response.error`) or a bare `error` event, inside a 200 stream. */
export function responsesStreamError(source: JsonObject | undefined): ApiErrorSpec {
  const code: ClientErrorCode = asUpstreamCode(source?.['code']) ?? 'upstream_stream_error';
  return {
    status: streamErrorStatus(code),
    code,
    message: `openai upstream failed mid-stream: ${asString(source?.['message']) ?? 'unknown error'}`,
  };
}

export function failedResponseError(event: JsonObject): ApiErrorSpec {
  return responsesStreamError(asObject(asObject(event['response'])?.['error']));
}
