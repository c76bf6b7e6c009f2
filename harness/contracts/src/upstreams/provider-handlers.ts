import { http, type HttpHandler } from 'msw';
import {
  PROVIDER_IDS,
  SCENARIO_HEADER,
  matchOperation,
  respond,
  toFixtureRequest,
  type FixtureRequest,
  type ProviderId,
  type RequestRecorder,
  type ScenarioName,
} from '@switchyard/provider-fixtures';
import { PROVIDER_BASE_URLS } from './base-urls.ts';
import { toHttpResponse } from './fixture-response.ts';

export interface ProviderHandlerOptions {
  /** Pause between streamed frames (a request's `x-switchyard-chunk-delay-ms` overrides it). Default 0. */
  readonly chunkDelayMs?: number;
  /**
   * The scenario to serve when the request names none. The proxy builds upstream headers from scratch, so
   * a test behind it cannot send `x-switchyard-scenario` itself; the recorder still gets the request as sent.
   */
  readonly scenario?: () => ScenarioName | undefined;
}

/**
 * One MSW `http.post` handler per provider, answering from the shared fixtures and recording every
 * request. A path the provider does not have matches no handler, so under `onUnhandledFrame: 'error'`
 * it fails hard instead of getting a friendly mock answer.
 */
export function providerHandlers(
  recorder: RequestRecorder,
  options: ProviderHandlerOptions = {},
): HttpHandler[] {
  return PROVIDER_IDS.map((provider) =>
    http.post(
      ({ request }) => servesEndpoint(provider, request.url),
      async ({ request }) => {
        const fixtureRequest = toFixtureRequest({
          method: request.method,
          url: request.url,
          headers: request.headers,
          bodyText: await request.text(),
        });
        recorder.record(provider, fixtureRequest);
        const clientGone = new AbortController();
        const answer = respond(provider, withScenario(fixtureRequest, options.scenario?.()), {
          signal: clientGone.signal,
          chunkDelayMs: options.chunkDelayMs ?? 0,
        });
        return toHttpResponse(answer, () => clientGone.abort());
      },
    ),
  );
}

/** The provider's own origin and base path, and an endpoint the provider really has. */
function servesEndpoint(provider: ProviderId, requestUrl: string): boolean {
  if (!requestUrl.startsWith(`${PROVIDER_BASE_URLS[provider]}/`)) return false;
  return matchOperation(provider, new URL(requestUrl).pathname) !== undefined;
}

function withScenario(request: FixtureRequest, scenario: ScenarioName | undefined): FixtureRequest {
  if (scenario === undefined || request.headers[SCENARIO_HEADER] !== undefined) return request;
  return { ...request, headers: { ...request.headers, [SCENARIO_HEADER]: scenario } };
}
