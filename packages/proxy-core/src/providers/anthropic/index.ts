import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type { ConstrainedRequest, RequestMetadata } from '../provider.ts';
import type { UpstreamExchange, UpstreamRequest } from '../shared/http-call.ts';
import { joinUrl } from '../shared/request-headers.ts';
import { providerErrorFrom } from '../shared/upstream-error.ts';
import { UpstreamProvider, upstreamHeaders } from '../shared/upstream-provider.ts';
import { upstreamDescriptor } from '../shared/upstream-descriptor.ts';
import type { ProviderContext } from '../shared/upstream-setup.ts';
import { anthropicConfigSchema, type AnthropicConfig } from './config.ts';
import { decodeMessagesResponse } from './decode-response.ts';
import { MessagesStreamDecoder } from './decode-stream.ts';
import { encodeMessagesRequest } from './encode-request.ts';
import { anthropicErrorDetail } from './errors.ts';
import { anthropicThinkingConstraints } from './thinking-constraints.ts';
import { thinksByEffort } from './thinking-fields.ts';

/** Anthropic Messages: `POST {baseUrl}/messages` with `x-api-key` and `anthropic-version`. */
export class AnthropicProvider extends UpstreamProvider {
  private readonly config: AnthropicConfig;

  constructor(config: AnthropicConfig, context: ProviderContext) {
    super(config, context);
    this.config = config;
  }

  /** Messages client → Messages API: the client's uncarried fields and `anthropic-beta` flags go verbatim. */
  passesThroughFields(request: CanonicalRequest): boolean {
    return request.nativeFields?.dialect === 'anthropic-messages';
  }

  /** Messages client → Messages API: server tools (web search, code execution, …) reach Anthropic as sent. */
  passesThroughTools(request: CanonicalRequest): boolean {
    return request.nativeTools?.dialect === 'anthropic-messages';
  }

  /** Messages client → Messages API: blocks the proxy does not translate (server tool results, documents) as sent. */
  passesThroughBlocks(request: CanonicalRequest): boolean {
    return request.dialect === 'anthropic-messages';
  }

  /** `POST {baseUrl}/messages/count_tokens`: the request as it would be sent, minus what counting does not take. */
  countTokens(request: CanonicalRequest, signal: AbortSignal): Promise<number> {
    const toCounting = (sent: UpstreamRequest): UpstreamRequest => {
      const { max_tokens: _max, stream: _stream, ...body } = sent.body as Record<string, unknown>;
      return { ...sent, url: joinUrl(this.config.baseUrl, '/messages/count_tokens'), body };
    };
    return this.countTokensVia(request, toCounting, 'input_tokens', signal);
  }

  constrain(request: CanonicalRequest): ConstrainedRequest {
    const byEffort = thinksByEffort(this.setup.catalog.find(request.target.model)?.thinking);
    return anthropicThinkingConstraints(request, { byEffort });
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
      ...(thinksByEffort(model?.thinking) ? { thinksByEffort: true } : {}),
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

/** `providers.anthropic`: its config and defaults (`config.ts`) and the adapter above. */
export const anthropicDescriptor = upstreamDescriptor(
  'anthropic',
  anthropicConfigSchema,
  (config, context) => new AnthropicProvider(config, context),
);
