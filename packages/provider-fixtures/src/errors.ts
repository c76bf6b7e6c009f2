import { FIXTURE_IDS } from './content.ts';
import { PROVIDERS, type ErrorDialect, type ProviderId } from './providers.ts';
import type { HttpErrorScenario } from './scenarios.ts';

export type ErrorStatus = 400 | 401 | 404 | 429 | 500 | 503 | 529;

export interface ErrorFixture {
  readonly status: ErrorStatus;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Seconds a throttled or overloaded fixture asks the client to wait (under the SDKs' 60 s cap). */
export const FIXTURE_RETRY_AFTER_SECONDS = 2;

interface ErrorDetails {
  readonly message: string;
  /** OpenAI `type`, Anthropic `error.type` or Gemini `status`. */
  readonly kind: string;
  /** OpenAI only: the machine-readable `code` (null when OpenAI sends none). */
  readonly code?: string | null;
}

function openAiDetails(status: ErrorStatus, model: string): ErrorDetails {
  switch (status) {
    case 400:
      return {
        message: "Invalid type for 'max_tokens': expected an integer.",
        kind: 'invalid_request_error',
        code: 'invalid_type',
      };
    case 401:
      return {
        message: 'Incorrect API key provided.',
        kind: 'invalid_request_error',
        code: 'invalid_api_key',
      };
    case 404:
      return {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        kind: 'invalid_request_error',
        code: 'model_not_found',
      };
    case 429:
      return {
        message: 'Rate limit reached for requests per min (RPM). Please try again in 2s.',
        kind: 'requests',
        code: 'rate_limit_exceeded',
      };
    case 500:
      return {
        message: 'The server had an error while processing your request.',
        kind: 'server_error',
        code: null,
      };
    case 503:
    case 529:
      return {
        message: 'The engine is currently overloaded, please try again later.',
        kind: 'server_error',
        code: null,
      };
  }
}

function anthropicDetails(status: ErrorStatus, model: string): ErrorDetails {
  switch (status) {
    case 400:
      return { message: 'max_tokens: Field required', kind: 'invalid_request_error' };
    case 401:
      return { message: 'invalid x-api-key', kind: 'authentication_error' };
    case 404:
      return { message: `model: ${model}`, kind: 'not_found_error' };
    case 429:
      return {
        message: 'Number of request tokens has exceeded your per-minute rate limit.',
        kind: 'rate_limit_error',
      };
    case 500:
      return { message: 'Internal server error', kind: 'api_error' };
    case 503:
      return { message: 'Service unavailable', kind: 'api_error' };
    case 529:
      return { message: 'Overloaded', kind: 'overloaded_error' };
  }
}

function geminiDetails(status: ErrorStatus, model: string): ErrorDetails {
  switch (status) {
    case 400:
      return {
        message: 'Invalid JSON payload received. Unknown name "foo": Cannot find field.',
        kind: 'INVALID_ARGUMENT',
      };
    case 401:
      return { message: 'API key not valid. Please pass a valid API key.', kind: 'UNAUTHENTICATED' };
    case 404:
      return {
        message: `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
        kind: 'NOT_FOUND',
      };
    case 429:
      return { message: 'Resource has been exhausted (e.g. check quota).', kind: 'RESOURCE_EXHAUSTED' };
    case 500:
      return { message: 'An internal error has occurred. Please retry or report.', kind: 'INTERNAL' };
    case 503:
    case 529:
      return { message: 'The model is overloaded. Please try again later.', kind: 'UNAVAILABLE' };
  }
}

const DETAILS: Readonly<Record<ErrorDialect, (status: ErrorStatus, model: string) => ErrorDetails>> = {
  openai: openAiDetails,
  anthropic: anthropicDetails,
  gemini: geminiDetails,
};

function errorBody(dialect: ErrorDialect, status: ErrorStatus, details: ErrorDetails): unknown {
  if (dialect === 'anthropic') {
    return {
      type: 'error',
      error: { type: details.kind, message: details.message },
      request_id: FIXTURE_IDS.anthropicRequest,
    };
  }
  if (dialect === 'gemini') {
    // Gemini tells the client how long to back off inside the body as well (google.rpc.RetryInfo).
    const retryInfo =
      status === 429
        ? {
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.RetryInfo',
                retryDelay: `${FIXTURE_RETRY_AFTER_SECONDS}s`,
              },
            ],
          }
        : {};
    return { error: { code: status, message: details.message, status: details.kind, ...retryInfo } };
  }
  return { error: { message: details.message, type: details.kind, param: null, code: details.code ?? null } };
}

function retryHeaders(provider: ProviderId, status: ErrorStatus): Record<string, string> {
  if (status !== 429 && status !== 503 && status !== 529) return {};
  const seconds = { 'retry-after': String(FIXTURE_RETRY_AFTER_SECONDS) };
  return PROVIDERS[provider].sendsRetryAfterMs
    ? { ...seconds, 'retry-after-ms': String(FIXTURE_RETRY_AFTER_SECONDS * 1000) }
    : seconds;
}

export function errorStatusOf(scenario: HttpErrorScenario): ErrorStatus {
  return Number(scenario.slice('error-'.length)) as ErrorStatus;
}

/**
 * The provider's HTTP error for a status, in its own body shape with its own retry headers.
 * `message` replaces the canned text when the fixture rejects a request for a concrete reason.
 */
export function errorFixture(
  provider: ProviderId,
  status: ErrorStatus,
  model: string,
  message?: string,
): ErrorFixture {
  const fixture = PROVIDERS[provider];
  const canned = DETAILS[fixture.errorDialect](status, model);
  const details = message === undefined ? canned : { ...canned, message };
  return {
    status,
    headers: {
      'content-type': 'application/json',
      [fixture.requestIdHeader]: FIXTURE_IDS.requestId,
      ...retryHeaders(provider, status),
    },
    body: errorBody(fixture.errorDialect, status, details),
  };
}
