/**
 * Errors as the client's dialect expects them. Every error a route or hook raises is an ApiError;
 * the server's error handler renders it in the dialect of the route that was called:
 *   OpenAI:    { "error": { "message", "type", "param", "code" } }
 *   Anthropic: { "type": "error", "error": { "type", "message" }, "request_id": null }
 *   Gemini:    { "error": { "code", "message", "status" } }   (Google's API error shape)
 */
import type { ClientErrorCode } from '../errors/catalogue.ts';

export type Dialect = 'openai' | 'anthropic' | 'gemini';

export interface ApiErrorSpec {
  readonly status: number;
  /** Stable machine-readable code from the catalogue (`src/errors/catalogue.ts`), or an upstream's own. */
  readonly code: ClientErrorCode;
  readonly message: string;
  /** The request field at fault, when there is one (OpenAI's `param`). */
  readonly param?: string;
  /** Seconds the client should wait, possibly fractional (sent as `retry-after` and `retry-after-ms` on 429/503). */
  readonly retryAfterSeconds?: number;
  /**
   * Whether the same request could succeed if sent again; absent, the status decides ({@link shouldRetry}).
   * `false` on a 5xx says "this is ours to fix, not yours to retry" (`x-should-retry: false`).
   */
  readonly retryable?: boolean;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly spec: ApiErrorSpec;

  constructor(spec: ApiErrorSpec) {
    super(spec.message);
    this.spec = spec;
  }
}

const OPENAI_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  426: 'invalid_request_error',
  429: 'rate_limit_error',
  501: 'invalid_request_error',
};

const ANTHROPIC_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'invalid_request_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  426: 'invalid_request_error',
  429: 'rate_limit_error',
  501: 'invalid_request_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

/** Google's canonical status names for HTTP statuses (google.rpc.Code), as Gemini clients read `error.status`. */
const GOOGLE_STATUSES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  415: 'INVALID_ARGUMENT',
  422: 'INVALID_ARGUMENT',
  426: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function errorType(dialect: Dialect, status: number): string {
  if (dialect === 'gemini')
    return GOOGLE_STATUSES[status] ?? (status >= 500 ? 'UNKNOWN' : 'INVALID_ARGUMENT');
  const table = dialect === 'openai' ? OPENAI_TYPES : ANTHROPIC_TYPES;
  return (
    table[status] ??
    (status >= 500 ? (dialect === 'openai' ? 'server_error' : 'api_error') : 'invalid_request_error')
  );
}

export interface OpenAiErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string;
  };
}

export interface AnthropicErrorBody {
  readonly type: 'error';
  readonly error: { readonly type: string; readonly message: string };
  /** Anthropic's reference always carries it (nullable); the proxy has no Anthropic request id to give. */
  readonly request_id: null;
}

/** Google's error shape; `code` is the HTTP status, `status` its canonical name. */
export interface GeminiErrorBody {
  readonly error: { readonly code: number; readonly message: string; readonly status: string };
}

/** The JSON body of an error in the given dialect. */
export function errorBody(
  dialect: Dialect,
  spec: ApiErrorSpec,
): OpenAiErrorBody | AnthropicErrorBody | GeminiErrorBody {
  const type = errorType(dialect, spec.status);
  if (dialect === 'gemini') return { error: { code: spec.status, message: spec.message, status: type } };
  if (dialect === 'anthropic')
    return { type: 'error', error: { type, message: spec.message }, request_id: null };
  return { error: { message: spec.message, type, param: spec.param ?? null, code: spec.code } };
}

/** Deterministic client errors must not be retried blindly (OpenAI SDKs honour this header). */
export function shouldRetry(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Whether an error is worth retrying: its own verdict when it has one, else its status's. */
export function isRetryable(spec: {
  readonly status: number;
  readonly retryable?: boolean | undefined;
}): boolean {
  return spec.retryable ?? shouldRetry(spec.status);
}
