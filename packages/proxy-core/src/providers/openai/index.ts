import type { CanonicalRequest } from '../../canonical/request.ts';
import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { chatCompletionsExchange } from '../openai-compatible/index.ts';
import type {
  Provider,
  ProviderModel,
  ProviderThinkingTarget,
  RequestMetadata,
  StreamOptions,
} from '../provider.ts';
import { callUpstream, type UpstreamExchange } from '../shared/http-call.ts';
import { baseHeaders, joinUrl } from '../shared/request-headers.ts';
import { providerErrorFrom } from '../shared/upstream-error.ts';
import { createUpstreamSetup, type ProviderContext, type UpstreamSetup } from '../shared/upstream-setup.ts';
import { OPENAI_CHAT_QUIRKS, type OpenAiConfig } from './config.ts';
import { decodeResponsesResponse } from './decode-response.ts';
import { ResponsesStreamDecoder } from './decode-stream.ts';
import { encodeResponsesRequest } from './encode-request.ts';
import { openAiErrorDetail } from './errors.ts';

/** `POST {baseUrl}/responses` with `Authorization: Bearer <provider key>`. */
function responsesExchange(
  setup: UpstreamSetup,
  request: CanonicalRequest,
  metadata: RequestMetadata,
): UpstreamExchange {
  const { name, config, keys, fixHint } = setup;
  const body = encodeResponsesRequest(request);
  const headers = baseHeaders(metadata, {
    streamed: request.stream,
    forwardIdempotencyKey: config.forwardIdempotencyKey,
    extra: config.headers,
  });
  return {
    provider: name,
    keys,
    streamed: request.stream,
    request: (key) => ({
      url: joinUrl(config.baseUrl, '/responses'),
      headers: key === undefined ? headers : { ...headers, authorization: `Bearer ${key}` },
      body,
    }),
    decodeResponse: decodeResponsesResponse,
    streamDecoder: () => new ResponsesStreamDecoder(),
    mapError: (failure) => providerErrorFrom(name, failure, openAiErrorDetail(failure.bodyText), fixHint),
  };
}

/** OpenAI: the Responses API or Chat Completions, chosen by `api` and the client's dialect. */
export class OpenAiProvider implements Provider {
  readonly name = 'openai';
  private readonly setup: UpstreamSetup;
  private readonly api: OpenAiConfig['api'];

  constructor(config: OpenAiConfig, context: ProviderContext) {
    this.setup = createUpstreamSetup(this.name, config, context);
    this.api = config.api;
  }

  models(): readonly ProviderModel[] {
    return this.setup.catalog.list();
  }

  supportsModel(model: string): boolean {
    return this.setup.catalog.serves(model);
  }

  thinkingTarget(request: CanonicalRequest): ProviderThinkingTarget {
    return {
      format: this.usesResponses(request) ? 'openai-response' : 'openai',
      capability: this.setup.catalog.thinking(request.target.model),
    };
  }

  async *stream(
    request: CanonicalRequest,
    { signal, metadata }: StreamOptions,
  ): AsyncGenerator<CanonicalStreamEvent> {
    const exchange = this.usesResponses(request)
      ? responsesExchange(this.setup, request, metadata)
      : chatCompletionsExchange(this.setup, OPENAI_CHAT_QUIRKS, request, metadata);
    yield* callUpstream(exchange, signal);
  }

  private usesResponses(request: CanonicalRequest): boolean {
    return this.api === 'responses' || (this.api === 'auto' && request.dialect === 'openai-responses');
  }
}
