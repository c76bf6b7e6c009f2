import { describe, expect, it } from 'vitest';
import { FIXTURE_RETRY_AFTER_SECONDS } from './errors.ts';
import { PROVIDERS, PROVIDER_IDS, type ProviderId } from './providers.ts';
import { HTTP_ERROR_SCENARIOS, isScenarioFor } from './scenarios.ts';
import { exchange } from './test-support.ts';

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
  529: 'overloaded_error',
};
const GEMINI_STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};
const OPENAI_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  404: 'invalid_request_error',
  429: 'requests',
  500: 'server_error',
  503: 'server_error',
};

function expectedBody(provider: ProviderId, status: number): unknown {
  const message = expect.any(String);
  switch (PROVIDERS[provider].errorDialect) {
    case 'anthropic':
      return {
        type: 'error',
        error: { type: ANTHROPIC_TYPES[status], message },
        request_id: expect.stringMatching(/^req_/),
      };
    case 'gemini':
      return expect.objectContaining({
        error: expect.objectContaining({ code: status, message, status: GEMINI_STATUSES[status] }),
      });
    case 'openai':
      return {
        error: {
          message,
          type: OPENAI_TYPES[status],
          param: null,
          code: expect.toBeOneOf([null, expect.any(String)]),
        },
      };
  }
}

const cases = PROVIDER_IDS.flatMap((provider) =>
  HTTP_ERROR_SCENARIOS.filter((scenario) => isScenarioFor(provider, scenario)).flatMap((scenario) =>
    [false, true].map((stream) => ({
      provider,
      scenario,
      stream,
      status: Number(scenario.slice('error-'.length)),
    })),
  ),
);

describe('HTTP error fixtures', () => {
  it.each(cases)(
    '$provider $scenario (stream: $stream) in the provider error shape',
    async ({ provider, scenario, stream, status }) => {
      const response = await exchange(provider, { scenario, stream });
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headers[PROVIDERS[provider].requestIdHeader]).toBe('req_fixture_0001');
      expect(JSON.parse(response.text)).toEqual(expectedBody(provider, status));
      const throttled = status === 429 || status === 503 || status === 529;
      expect(response.headers['retry-after']).toBe(
        throttled ? String(FIXTURE_RETRY_AFTER_SECONDS) : undefined,
      );
      const wantsMs = throttled && PROVIDERS[provider].sendsRetryAfterMs;
      expect(response.headers['retry-after-ms']).toBe(
        wantsMs ? String(FIXTURE_RETRY_AFTER_SECONDS * 1000) : undefined,
      );
    },
  );

  it('names the requested model in a 404', async () => {
    const openai = await exchange('openai', { scenario: 'error-404', body: { model: 'gpt-missing' } });
    expect(openai.text).toContain('gpt-missing');
    const gemini = await exchange('gemini', { scenario: 'error-404' });
    expect(gemini.text).toContain('models/gemini-3.1-flash-lite');
  });

  it('tells a Gemini client how long to back off inside the 429 body too', async () => {
    const response = await exchange('gemini', { scenario: 'error-429' });
    expect(JSON.parse(response.text)).toMatchObject({
      error: { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }] },
    });
  });
});
