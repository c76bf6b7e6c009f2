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
import type { GeminiConfig } from './config.ts';
import { decodeGenerateContentResponse } from './decode-response.ts';
import { GenerateContentDecoder } from './decode-stream.ts';
import { encodeGenerateContentRequest } from './encode-request.ts';
import { geminiErrorDetail } from './errors.ts';

/**
 * Gemini: `POST {baseUrl}/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse` when
 * streaming, with the key in `x-goog-api-key` (never `?key=`, which leaks into logs).
 */
export class GeminiProvider implements Provider {
  readonly name = 'gemini';
  private readonly setup: UpstreamSetup;

  constructor(config: GeminiConfig, context: ProviderContext) {
    this.setup = createUpstreamSetup(this.name, config, context);
  }

  models(): readonly ProviderModel[] {
    return this.setup.catalog.list();
  }

  supportsModel(model: string): boolean {
    return this.setup.catalog.serves(model);
  }

  thinkingTarget(request: CanonicalRequest): ProviderThinkingTarget {
    return { format: 'gemini', capability: this.setup.catalog.thinking(request.target.model) };
  }

  async *stream(
    request: CanonicalRequest,
    { signal, metadata }: StreamOptions,
  ): AsyncGenerator<CanonicalStreamEvent> {
    yield* callUpstream(this.exchange(request, metadata), signal);
  }

  private exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    const { name, config, keys, fixHint } = this.setup;
    const body = encodeGenerateContentRequest(request);
    const headers = baseHeaders(metadata, {
      streamed: request.stream,
      forwardIdempotencyKey: config.forwardIdempotencyKey,
      extra: config.headers,
    });
    const method = request.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    const url = joinUrl(config.baseUrl, `/models/${encodeURIComponent(request.target.model)}:${method}`);
    return {
      provider: name,
      keys,
      streamed: request.stream,
      request: (key) => ({
        url,
        headers: key === undefined ? headers : { ...headers, 'x-goog-api-key': key },
        body,
      }),
      decodeResponse: decodeGenerateContentResponse,
      streamDecoder: () => new GenerateContentDecoder(),
      mapError: (failure) => providerErrorFrom(name, failure, geminiErrorDetail(failure.bodyText), fixHint),
    };
  }
}
