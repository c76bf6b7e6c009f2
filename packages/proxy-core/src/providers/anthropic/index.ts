import type { CanonicalRequest } from '../../canonical/request.ts';
import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
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
import type { AnthropicConfig } from './config.ts';
import { decodeMessagesResponse } from './decode-response.ts';
import { MessagesStreamDecoder } from './decode-stream.ts';
import { encodeMessagesRequest } from './encode-request.ts';
import { anthropicErrorDetail } from './errors.ts';

/** Anthropic Messages: `POST {baseUrl}/messages` with `x-api-key` and `anthropic-version`. */
export class AnthropicProvider implements Provider {
  readonly name = 'anthropic';
  private readonly setup: UpstreamSetup;
  private readonly config: AnthropicConfig;

  constructor(config: AnthropicConfig, context: ProviderContext) {
    this.config = config;
    this.setup = createUpstreamSetup(this.name, config, context);
  }

  models(): readonly ProviderModel[] {
    return this.setup.catalog.list();
  }

  supportsModel(model: string): boolean {
    return this.setup.catalog.serves(model);
  }

  thinkingTarget(request: CanonicalRequest): ProviderThinkingTarget {
    return { format: 'claude', capability: this.setup.catalog.thinking(request.target.model) };
  }

  async *stream(
    request: CanonicalRequest,
    { signal, metadata }: StreamOptions,
  ): AsyncGenerator<CanonicalStreamEvent> {
    yield* callUpstream(this.exchange(request, metadata), signal);
  }

  private exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    const { name, keys, fixHint } = this.setup;
    const { config } = this;
    const model = this.setup.catalog.find(request.target.model);
    const minBudget = model?.thinking?.min;
    const body = encodeMessagesRequest(request, {
      defaultMaxTokens: model?.maxOutputTokens ?? config.defaultMaxTokens,
      ...(minBudget === undefined ? {} : { minThinkingBudget: minBudget }),
    });
    const headers = {
      ...baseHeaders(metadata, {
        streamed: request.stream,
        forwardIdempotencyKey: config.forwardIdempotencyKey,
        extra: config.headers,
      }),
      'anthropic-version': config.version,
    };
    return {
      provider: name,
      keys,
      streamed: request.stream,
      request: (key) => ({
        url: joinUrl(config.baseUrl, '/messages'),
        headers: key === undefined ? headers : { ...headers, 'x-api-key': key },
        body,
      }),
      decodeResponse: decodeMessagesResponse,
      streamDecoder: () => new MessagesStreamDecoder(),
      mapError: (failure) =>
        providerErrorFrom(name, failure, anthropicErrorDetail(failure.bodyText), fixHint),
    };
  }
}
