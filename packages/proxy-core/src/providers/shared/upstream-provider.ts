import type { CanonicalRequest } from '../../canonical/request.ts';
import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type {
  Provider,
  ProviderModel,
  ProviderThinkingTarget,
  RequestMetadata,
  StreamOptions,
} from '../provider.ts';
import { callUpstream, type UpstreamExchange } from './http-call.ts';
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

  protected constructor(name: string, config: UpstreamProviderConfig, context: ProviderContext) {
    this.name = name;
    this.setup = createUpstreamSetup(name, config, context);
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
  ): AsyncGenerator<CanonicalStreamEvent> {
    yield* callUpstream(this.exchange(request, metadata), signal, onConnected, request.target.model);
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
