/**
 * Every error code the proxy itself puts in an answer, with its HTTP status and default message: the one list
 * clients, docs and code share (fastify's `lib/errors.js`, undici's `lib/core/errors.js` are the model).
 * `docs/errors.md` is generated from it (`node scripts/error-table.ts --write`) and the docs lane fails when the
 * table is stale. Codes are snake_case. A code an upstream sent is passed through as an {@link UpstreamCode},
 * never added here: any code a client sees that is not in this list is the upstream's own.
 */

/** Where an error comes from; the docs table is grouped by it. */
export type ErrorArea =
  'request' | 'access' | 'thinking' | 'upstream' | 'deadline' | 'server' | 'control-plane';

export interface ErrorEntry {
  readonly area: ErrorArea;
  /** The usual status; a few codes take another (noted in their message) where the upstream's status is kept. */
  readonly status: number;
  /** Used when the site has nothing more specific to say; also the code's meaning in the docs. */
  readonly message: string;
}

export const ERRORS = {
  // The request as sent: body, fields, routes, models.
  invalid_json: { area: 'request', status: 400, message: 'Request body is not valid JSON.' },
  invalid_content_length: {
    area: 'request',
    status: 400,
    message: 'Content-Length does not match the body that was sent.',
  },
  body_too_large: {
    area: 'request',
    status: 413,
    message: 'Request body is larger than this server accepts (server.bodyLimitBytes).',
  },
  unsupported_media_type: {
    area: 'request',
    status: 415,
    message: 'The body is not JSON; send it with "Content-Type: application/json".',
  },
  request_too_deep: {
    area: 'request',
    status: 400,
    message: 'Request body nests objects and arrays deeper than server.limits.maxDepth.',
  },
  limit_exceeded: {
    area: 'request',
    status: 400,
    message: 'Request body has an array, string or object over a server.limits bound.',
  },
  invalid_number: {
    area: 'request',
    status: 400,
    message: 'Request body has a number too large to represent as a 64-bit double.',
  },
  invalid_request_body: {
    area: 'request',
    status: 400,
    message: 'A field of the request body is missing or invalid; `param` names it.',
  },
  unsupported_parameter: {
    area: 'request',
    status: 400,
    message: 'A field or value the proxy cannot honour without changing the answer; `param` names it.',
  },
  unsupported_feature: {
    area: 'request',
    status: 400,
    message: 'The provider serving the model cannot do what the request asks for.',
  },
  invalid_model: { area: 'request', status: 400, message: 'The model string is malformed.' },
  model_not_found: {
    area: 'request',
    status: 404,
    message: 'No configured provider serves the model; the message lists the available providers.',
  },
  route_not_found: { area: 'request', status: 404, message: 'No route for this method and path.' },
  invalid_idempotency_key: {
    area: 'request',
    status: 400,
    message: 'The Idempotency-Key header is not a valid key.',
  },
  idempotency_key_in_flight: {
    area: 'request',
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; retry after it completes.',
  },
  idempotency_key_reused: {
    area: 'request',
    status: 422,
    message: 'This Idempotency-Key was already used with a different request body.',
  },
  previous_response_not_found: {
    area: 'request',
    status: 400,
    message: 'previous_response_id names no response this connection holds; resend the full input.',
  },
  upgrade_required: {
    area: 'request',
    status: 426,
    message: 'GET /v1/responses is the WebSocket mode endpoint: upgrade the connection.',
  },
  missing_response_create: {
    area: 'request',
    status: 400,
    message: 'response.append arrived before any response.create on this connection.',
  },
  unsupported_event_type: {
    area: 'request',
    status: 400,
    message: 'A WebSocket-mode message has a type other than response.create or response.append.',
  },
  websocket_connection_limit_reached: {
    area: 'request',
    status: 400,
    message: 'The WebSocket connection reached its lifetime; open a new one and resend the full input.',
  },

  // Who may call.
  missing_api_key: { area: 'access', status: 401, message: 'Missing API key.' },
  invalid_api_key: { area: 'access', status: 401, message: 'Invalid API key.' },
  host_not_allowed: {
    area: 'access',
    status: 403,
    message: 'The Host is not allowed while the proxy listens on loopback (server.allowedHosts).',
  },
  origin_not_allowed: {
    area: 'access',
    status: 403,
    message: 'The browser Origin is not allowed (cors.allowedOrigins).',
  },

  // Thinking / reasoning settings (docs/thinking.md, rule 9).
  invalid_suffix: {
    area: 'thinking',
    status: 400,
    message: 'The model(value) thinking suffix is neither a level nor a budget.',
  },
  unknown_level: { area: 'thinking', status: 400, message: 'The thinking level is not a known level.' },
  thinking_not_supported: {
    area: 'thinking',
    status: 400,
    message: 'The model cannot think; send no thinking setting.',
  },
  level_not_supported: {
    area: 'thinking',
    status: 400,
    message: 'The model does not support this thinking level.',
  },
  budget_out_of_range: {
    area: 'thinking',
    status: 400,
    message: "The thinking budget is outside the model's range.",
  },
  provider_mismatch: {
    area: 'thinking',
    status: 400,
    message: 'The thinking setting belongs to another provider family.',
  },

  // The proxy's words for an upstream failure (an upstream's own code is passed through instead, when it sent one).
  upstream_unreachable: { area: 'upstream', status: 502, message: 'The upstream could not be reached.' },
  upstream_body_cut: {
    area: 'upstream',
    status: 502,
    message: 'The upstream connection failed while sending its answer.',
  },
  upstream_invalid_response: {
    area: 'upstream',
    status: 502,
    message: 'The upstream sent an answer the proxy cannot read.',
  },
  empty_compaction: {
    area: 'upstream',
    status: 502,
    message:
      'The model wrote no summary, so nothing was compacted (POST /v1/responses/compact); retry, or compact with another model.',
  },
  upstream_stream_error: {
    area: 'upstream',
    status: 502,
    message: 'The upstream stream failed mid-way without a code of its own.',
  },
  upstream_incomplete: {
    area: 'upstream',
    status: 503,
    message:
      'The provider stopped the answer before it was complete (out of capacity, e.g. DeepSeek insufficient_system_resource); retry.',
  },
  upstream_authentication_failed: {
    area: 'upstream',
    status: 502,
    message: "The upstream refused the proxy's own API key; the operator must fix it (never retried).",
  },
  upstream_keys_cooling_down: {
    area: 'upstream',
    status: 429,
    message: "All of the provider's API keys are cooling down for this model.",
  },
  context_length_exceeded: {
    area: 'upstream',
    status: 400,
    message: "The prompt does not fit the model's context window (413 when the upstream said 413).",
  },
  upstream_error: { area: 'upstream', status: 502, message: 'The provider failed.' },
  // An upstream failure that came with no code: named by its status, which is kept.
  invalid_request_error: {
    area: 'upstream',
    status: 400,
    message: 'The upstream refused the request (HTTP 400 or another 4xx without a code).',
  },
  not_found_error: { area: 'upstream', status: 404, message: 'The upstream answered 404.' },
  timeout_error: { area: 'upstream', status: 408, message: 'The upstream answered 408.' },
  request_too_large: { area: 'upstream', status: 413, message: 'The upstream answered 413.' },
  rate_limit_error: { area: 'upstream', status: 429, message: 'The upstream rate-limited the call.' },
  upstream_server_error: {
    area: 'upstream',
    status: 500,
    message: 'The upstream failed (HTTP 500 or another 5xx without a code).',
  },
  upstream_bad_gateway: { area: 'upstream', status: 502, message: 'The upstream answered 502.' },
  upstream_unavailable: { area: 'upstream', status: 503, message: 'The upstream answered 503.' },
  upstream_timeout: { area: 'upstream', status: 504, message: 'The upstream answered 504.' },
  overloaded_error: { area: 'upstream', status: 529, message: 'The upstream is overloaded (HTTP 529).' },

  // The proxy's own deadlines and stream guards.
  upstream_connect_timeout: {
    area: 'deadline',
    status: 504,
    message: 'The connection to the provider could not be made in time.',
  },
  first_token_timeout: { area: 'deadline', status: 504, message: 'The provider produced no token in time.' },
  stream_idle_timeout: {
    area: 'deadline',
    status: 504,
    message: 'The provider stream went silent for longer than the idle timeout.',
  },
  deadline_exceeded: { area: 'deadline', status: 504, message: 'The request exceeded its total deadline.' },
  stream_truncated: {
    area: 'deadline',
    status: 502,
    message: 'The provider stream ended before its terminal event; the answer is incomplete.',
  },

  // The server itself.
  server_shutting_down: {
    area: 'server',
    status: 503,
    message: 'The server is shutting down; retry.',
  },
  internal_error: { area: 'server', status: 500, message: 'Internal server error.' },

  // Control plane (docs/control-plane.md) and its store.
  missing_session_id: {
    area: 'control-plane',
    status: 400,
    message: 'session_id is required.',
  },
  session_not_found: {
    area: 'control-plane',
    status: 404,
    message: 'The session does not exist or belongs to someone else.',
  },
  session_ended: {
    area: 'control-plane',
    status: 409,
    message: 'The session has ended; start a new session to continue.',
  },
  invalid_message_payload: {
    area: 'control-plane',
    status: 400,
    message: 'The message body is invalid.',
  },
  unsupported_capability: {
    area: 'control-plane',
    status: 501,
    message: 'The capability label is not one the control plane supports.',
  },
  nothing_to_resume: {
    area: 'control-plane',
    status: 409,
    message: 'The session has no interrupted turn to resume.',
  },
  turn_in_progress: {
    area: 'control-plane',
    status: 409,
    message: 'Another turn of the session is still running or interrupted.',
  },
  turn_not_running: {
    area: 'control-plane',
    status: 409,
    message: 'The turn is not running (unknown, done or failed).',
  },
  invalid_event_id: {
    area: 'control-plane',
    status: 400,
    message: 'The event cursor is not an event id.',
  },
  schema_too_new: {
    area: 'control-plane',
    status: 500,
    message: 'The store was written by a newer Switchyard.',
  },
  store_unavailable: {
    area: 'control-plane',
    status: 503,
    message: 'The control-plane store is unreachable; nothing was written, retry shortly.',
  },
} as const satisfies Readonly<Record<string, ErrorEntry>>;

/** A code from the catalogue: the proxy's own. */
export type ErrorCode = keyof typeof ERRORS;

/** The codes of one area, e.g. `ErrorCodeIn<'thinking'>`. */
export type ErrorCodeIn<A extends ErrorArea> = {
  [C in ErrorCode]: (typeof ERRORS)[C]['area'] extends A ? C : never;
}[ErrorCode];

declare const upstreamBrand: unique symbol;

/**
 * A code an upstream sent (`rate_limit_exceeded`, Google's `RESOURCE_EXHAUSTED`), passed through to the client
 * as it came. Branded so it can never be mistaken for, or typed as, one of the proxy's own codes.
 */
export type UpstreamCode = string & { readonly [upstreamBrand]: true };

/** Every code a client may see in an error. */
export type ClientErrorCode = ErrorCode | UpstreamCode;

/** Marks a code read from an upstream's answer as passed through. */
export function upstreamCode(raw: string): UpstreamCode {
  return raw as UpstreamCode;
}

/** Whether `code` is one of the proxy's own (own keys only: `constructor` is nobody's code). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/**
 * The status, code and default message of a catalogued error, to spread into an error spec:
 * `new ApiError({ ...catalogued('model_not_found'), param: 'model', message })`.
 */
export function catalogued<C extends ErrorCode>(
  code: C,
): { readonly status: number; readonly code: C; readonly message: string } {
  const { status, message } = ERRORS[code];
  return { status, code, message };
}
