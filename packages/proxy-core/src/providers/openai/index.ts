import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import { chatCompletionsExchange } from '../openai-compatible/index.ts';
import type { RequestMetadata } from '../provider.ts';
import type { UpstreamExchange } from '../shared/http-call.ts';
import { joinUrl } from '../shared/request-headers.ts';
import { providerErrorFrom } from '../shared/upstream-error.ts';
import { UpstreamProvider, upstreamHeaders } from '../shared/upstream-provider.ts';
import type { ProviderContext, UpstreamSetup } from '../shared/upstream-setup.ts';
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
  const headers = upstreamHeaders(setup, request, metadata);
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
export class OpenAiProvider extends UpstreamProvider {
  private readonly api: OpenAiConfig['api'];

  constructor(config: OpenAiConfig, context: ProviderContext) {
    super('openai', config, context);
    this.api = config.api;
  }

  protected thinkingFormat(request: CanonicalRequest): ThinkingFormat {
    return this.usesResponses(request) ? 'openai-response' : 'openai';
  }

  protected exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    return this.usesResponses(request)
      ? responsesExchange(this.setup, request, metadata)
      : chatCompletionsExchange(this.setup, OPENAI_CHAT_QUIRKS, request, metadata);
  }

  private usesResponses(request: CanonicalRequest): boolean {
    return this.api === 'responses' || (this.api === 'auto' && request.dialect === 'openai-responses');
  }
}
