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
import type { UpstreamProviderConfig } from '../shared/upstream-config.ts';
import type { ChatQuirks } from './config.ts';
import { decodeChatResponse } from './decode-response.ts';
import { ChatStreamDecoder } from './decode-stream.ts';
import { encodeChatRequest } from './encode-request.ts';
import { openAiErrorDetail } from './errors.ts';

/**
 * One Chat Completions call: `POST {baseUrl}/chat/completions` with `Authorization: Bearer <provider
 * key>`. Shared by the OpenAI adapter's chat path and the compatible family.
 */
export function chatCompletionsExchange(
  setup: UpstreamSetup,
  quirks: ChatQuirks,
  request: CanonicalRequest,
  metadata: RequestMetadata,
): UpstreamExchange {
  const { name, config, keys, fixHint } = setup;
  const body = encodeChatRequest(name, request, quirks);
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
      url: joinUrl(config.baseUrl, '/chat/completions'),
      headers: key === undefined ? headers : { ...headers, authorization: `Bearer ${key}` },
      body,
    }),
    decodeResponse: (json) => decodeChatResponse(name, json),
    streamDecoder: () => new ChatStreamDecoder(name),
    mapError: (failure) => providerErrorFrom(name, failure, openAiErrorDetail(failure.bodyText), fixHint),
  };
}

/** Kimi, Qwen and DeepSeek: one adapter, told apart by their settings and quirks. */
export class OpenAiCompatibleProvider implements Provider {
  readonly name: string;
  private readonly setup: UpstreamSetup;
  private readonly quirks: ChatQuirks;

  constructor(name: string, config: UpstreamProviderConfig, quirks: ChatQuirks, context: ProviderContext) {
    this.name = name;
    this.setup = createUpstreamSetup(name, config, context);
    this.quirks = quirks;
  }

  models(): readonly ProviderModel[] {
    return this.setup.catalog.list();
  }

  supportsModel(model: string): boolean {
    return this.setup.catalog.serves(model);
  }

  thinkingTarget(request: CanonicalRequest): ProviderThinkingTarget {
    return { format: 'openai', capability: this.setup.catalog.thinking(request.target.model) };
  }

  async *stream(
    request: CanonicalRequest,
    { signal, metadata }: StreamOptions,
  ): AsyncGenerator<CanonicalStreamEvent> {
    yield* callUpstream(chatCompletionsExchange(this.setup, this.quirks, request, metadata), signal);
  }
}
