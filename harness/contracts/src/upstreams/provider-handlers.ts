import { http, type HttpHandler } from 'msw';
import {
  PROVIDER_IDS,
  matchOperation,
  respond,
  toFixtureRequest,
  type ProviderId,
  type RequestRecorder,
} from '@switchyard/provider-fixtures';
import { PROVIDER_BASE_URLS } from './base-urls.ts';
import { toHttpResponse } from './fixture-response.ts';

export interface ProviderHandlerOptions {
  /** Pause between streamed frames (a request's `x-switchyard-chunk-delay-ms` overrides it). Default 0. */
  readonly chunkDelayMs?: number;
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
        const answer = respond(provider, fixtureRequest, {
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
