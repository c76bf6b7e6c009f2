import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type { RequestMetadata } from '../provider.ts';
import type { UpstreamExchange } from '../shared/http-call.ts';
import { joinUrl } from '../shared/request-headers.ts';
import { providerErrorFrom } from '../shared/upstream-error.ts';
import { UpstreamProvider, upstreamHeaders } from '../shared/upstream-provider.ts';
import type { ProviderContext, UpstreamSetup } from '../shared/upstream-setup.ts';
import type { UpstreamProviderConfig } from '../shared/upstream-config.ts';
import type { ChatQuirks } from './config.ts';
import { decodeChatResponse } from '../shared/chat-completions/decode-response.ts';
import { ChatStreamDecoder } from '../shared/chat-completions/decode-stream.ts';
import { encodeChatRequest } from '../shared/chat-completions/encode-request.ts';
import { openAiErrorDetail } from '../shared/chat-completions/errors.ts';

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

/** One Chat Completions call (`/chat/completions`), shared by OpenAI's chat path and the compatible family. */
export function chatCompletionsExchange(
  setup: UpstreamSetup,
  quirks: ChatQuirks,
  request: CanonicalRequest,
  metadata: RequestMetadata,
): UpstreamExchange {
  const { name } = setup;
  const call: OpenAiStyleCall = {
    path: '/chat/completions',
    body: encodeChatRequest(name, request, quirks),
    decodeResponse: (json) => decodeChatResponse(name, json),
    streamDecoder: () => new ChatStreamDecoder(name),
  };
  return openAiStyleExchange(setup, call, request, metadata);
}

/** Kimi, Qwen and DeepSeek: one adapter, told apart by their settings and quirks. */
export class OpenAiCompatibleProvider extends UpstreamProvider {
  private readonly quirks: ChatQuirks;

  constructor(name: string, config: UpstreamProviderConfig, quirks: ChatQuirks, context: ProviderContext) {
    super(name, config, context);
    this.quirks = quirks;
  }

  protected thinkingFormat(): ThinkingFormat {
    return 'openai';
  }

  protected exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    return chatCompletionsExchange(this.setup, this.quirks, request, metadata);
  }
}
