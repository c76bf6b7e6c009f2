import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type { RequestMetadata } from '../provider.ts';
import type { UpstreamExchange } from '../shared/http-call.ts';
import { joinUrl } from '../shared/request-headers.ts';
import { providerErrorFrom } from '../shared/upstream-error.ts';
import { UpstreamProvider, upstreamHeaders } from '../shared/upstream-provider.ts';
import type { ProviderContext } from '../shared/upstream-setup.ts';
import type { AnthropicConfig } from './config.ts';
import { decodeMessagesResponse } from './decode-response.ts';
import { MessagesStreamDecoder } from './decode-stream.ts';
import { encodeMessagesRequest } from './encode-request.ts';
import { anthropicErrorDetail } from './errors.ts';

/** Anthropic Messages: `POST {baseUrl}/messages` with `x-api-key` and `anthropic-version`. */
export class AnthropicProvider extends UpstreamProvider {
  private readonly config: AnthropicConfig;

  constructor(config: AnthropicConfig, context: ProviderContext) {
    super('anthropic', config, context);
    this.config = config;
  }

  /** Messages client → Messages API: the client's uncarried fields and `anthropic-beta` flags go verbatim. */
  passesThroughFields(request: CanonicalRequest): boolean {
    return request.nativeFields?.dialect === 'anthropic-messages';
  }

  protected thinkingFormat(): ThinkingFormat {
    return 'claude';
  }

  protected exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    const { name, keys, fixHint } = this.setup;
    const { config } = this;
    const model = this.setup.catalog.find(request.target.model);
    const minBudget = model?.thinking?.min;
    const body = encodeMessagesRequest(request, {
      defaultMaxTokens: model?.maxOutputTokens ?? config.defaultMaxTokens,
      ...(minBudget === undefined ? {} : { minThinkingBudget: minBudget }),
    });
    const headers = {
      ...upstreamHeaders(this.setup, request, metadata),
      ...(this.passesThroughFields(request) ? request.nativeFields?.headers : {}),
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
