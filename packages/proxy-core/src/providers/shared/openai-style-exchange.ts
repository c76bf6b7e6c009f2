import type { CanonicalRequest } from '../../canonical/request.ts';
import type { RequestMetadata } from '../provider.ts';
import { openAiErrorDetail } from './chat-completions/errors.ts';
import type { UpstreamExchange } from './http-call.ts';
import { joinUrl } from './request-headers.ts';
import { providerErrorFrom } from './upstream-error.ts';
import { upstreamHeaders } from './upstream-provider.ts';
import type { UpstreamSetup } from './upstream-setup.ts';

/** The parts of an OpenAI-style call that differ between Chat Completions and the Responses API. */
export interface OpenAiStyleCall {
  readonly path: string;
  readonly body: unknown;
  readonly decodeResponse: UpstreamExchange['decodeResponse'];
  readonly streamDecoder: UpstreamExchange['streamDecoder'];
}

/**
 * One OpenAI-style call: `POST {baseUrl}{path}` with `Authorization: Bearer <provider key>` and
 * OpenAI-shaped error bodies. Used by both of OpenAI's APIs and by the compatible family.
 */
export function openAiStyleExchange(
  setup: UpstreamSetup,
  call: OpenAiStyleCall,
  request: CanonicalRequest,
  metadata: RequestMetadata,
): UpstreamExchange {
  const { name, config, keys, fixHint } = setup;
  const headers = upstreamHeaders(setup, request, metadata);
  return {
    provider: name,
    keys,
    streamed: request.stream,
    request: (key) => ({
      url: joinUrl(config.baseUrl, call.path),
      headers: key === undefined ? headers : { ...headers, authorization: `Bearer ${key}` },
      body: call.body,
    }),
    decodeResponse: call.decodeResponse,
    streamDecoder: call.streamDecoder,
    mapError: (failure) => providerErrorFrom(name, failure, openAiErrorDetail(failure.bodyText), fixHint),
  };
}
