import type { CanonicalRequest } from '../../canonical/request.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type {
  Provider,
  ProviderModel,
  ProviderThinkingTarget,
  RequestMetadata,
  StreamOptions,
} from '../provider.ts';
import { ProviderError } from '../provider-error.ts';
import { callUpstream, callUpstreamJson, type UpstreamExchange, type UpstreamRequest } from './http-call.ts';
import { asNumber, asObject } from './json.ts';
import { baseHeaders } from './request-headers.ts';
import type { UpstreamProviderConfig } from './upstream-config.ts';
import { createUpstreamSetup, type ProviderContext, type UpstreamSetup } from './upstream-setup.ts';

/**
 * What every HTTP provider shares: its model catalog, key pool and the one upstream call path. A
 * provider folder only says how one request becomes one upstream exchange (URL, auth header, body,
 * decoders, error detail) and which thinking format its API speaks.
 */
export abstract class UpstreamProvider implements Provider {
  readonly name: string;
  protected readonly setup: UpstreamSetup;

  protected constructor(config: UpstreamProviderConfig, context: ProviderContext) {
    this.name = context.name;
    this.setup = createUpstreamSetup(config, context);
  }

  models(): readonly ProviderModel[] {
    return this.setup.catalog.list();
  }

  supportsModel(model: string): boolean {
    return this.setup.catalog.serves(model);
  }

  thinkingTarget(request: CanonicalRequest): ProviderThinkingTarget {
    return {
      format: this.thinkingFormat(request),
      capability: this.setup.catalog.thinking(request.target.model),
    };
  }

  async *stream(
    request: CanonicalRequest,
    { signal, metadata, onConnected }: StreamOptions,
  ): AsyncGenerator<StreamPart> {
    yield* callUpstream(this.exchange(request, metadata), signal, onConnected, request.target.model);
  }

  /**
   * An exact prompt count from the provider's own counting endpoint (Anthropic `count_tokens`, Gemini
   * `countTokens`): the request as it would be sent, not streamed, which `toCounting` turns into the counting
   * request (its URL and body), through the same keys, cooldowns and error mapping as a model call. The count is
   * the number the answer holds in `field`.
   */
  protected async countTokensVia(
    request: CanonicalRequest,
    toCounting: (sent: UpstreamRequest) => UpstreamRequest,
    field: string,
    signal: AbortSignal,
  ): Promise<number> {
    const exchange = this.exchange(
      { ...request, stream: false },
      { requestId: 'count_tokens', requestedModel: request.target.requested, attempt: 1 },
    );
    const counting: UpstreamExchange = { ...exchange, request: (key) => toCounting(exchange.request(key)) };
    const json = asObject(await callUpstreamJson(counting, signal, request.target.model));
    const tokens = asNumber(json?.[field]);
    if (tokens === undefined)
      throw new ProviderError({
        status: 502,
        code: 'upstream_invalid_response',
        message: `The ${this.name} upstream sent a token count without ${field}.`,
      });
    return tokens;
  }

  protected abstract thinkingFormat(request: CanonicalRequest): ThinkingFormat;

  protected abstract exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange;
}

/** The headers every upstream request carries, before the provider adds its key header. */
export function upstreamHeaders(
  setup: UpstreamSetup,
  request: CanonicalRequest,
  metadata: RequestMetadata,
): Record<string, string> {
  return baseHeaders(metadata, {
    streamed: request.stream,
    forwardIdempotencyKey: setup.config.forwardIdempotencyKey,
    extra: setup.config.headers,
  });
}
