import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type { RequestMetadata } from '../provider.ts';
import { chatCompletionsExchange } from '../shared/chat-completions/exchange.ts';
import { callUpstreamJson, invalidResponse, type UpstreamExchange } from '../shared/http-call.ts';
import { asObject } from '../shared/json.ts';
import { openAiStyleExchange } from '../shared/openai-style-exchange.ts';
import { UpstreamProvider } from '../shared/upstream-provider.ts';
import { upstreamDescriptor } from '../shared/upstream-descriptor.ts';
import type { ProviderContext, UpstreamSetup } from '../shared/upstream-setup.ts';
import { OPENAI_CHAT_QUIRKS, openAiConfigSchema, type OpenAiConfig } from './config.ts';
import { decodeResponsesResponse } from './decode-response.ts';
import { ResponsesStreamDecoder } from './decode-stream.ts';
import { encodeResponsesRequest } from './encode-request.ts';

/** `POST {baseUrl}/responses` with `Authorization: Bearer <provider key>`. */
function responsesExchange(
  setup: UpstreamSetup,
  request: CanonicalRequest,
  metadata: RequestMetadata,
): UpstreamExchange {
  const call = {
    path: '/responses',
    body: encodeResponsesRequest(request),
    decodeResponse: decodeResponsesResponse,
    streamDecoder: () => new ResponsesStreamDecoder(),
  };
  return openAiStyleExchange(setup, call, request, metadata);
}

/** What `/responses/compact` takes of a `/responses` body (OpenAI's ResponseCompactParams). */
const COMPACT_FIELDS = ['model', 'input', 'instructions'];

function compactBody(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(COMPACT_FIELDS.flatMap((field) => (field in body ? [[field, body[field]]] : [])));
}

/** OpenAI: the Responses API or Chat Completions, chosen by `api` and the client's dialect. */
export class OpenAiProvider extends UpstreamProvider {
  private readonly api: OpenAiConfig['api'];
  private readonly responsesOnlyModels: readonly string[];

  constructor(config: OpenAiConfig, context: ProviderContext) {
    super(config, context);
    this.api = config.api;
    this.responsesOnlyModels = config.responsesOnlyModels;
  }

  protected thinkingFormat(request: CanonicalRequest): ThinkingFormat {
    return this.usesResponses(request) ? 'openai-response' : 'openai';
  }

  protected exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    return this.usesResponses(request)
      ? responsesExchange(this.setup, request, metadata)
      : chatCompletionsExchange(this.setup, OPENAI_CHAT_QUIRKS, request, metadata);
  }

  /**
   * `POST {baseUrl}/responses/compact` on the Responses API: the conversation as a `/responses` call would send it
   * (so the proxy's own sealed reasoning and compaction items go back unsealed), with only the fields the compact
   * endpoint takes; OpenAI's `response.compaction` object comes back as is.
   */
  nativeCompaction(request: CanonicalRequest): ((signal: AbortSignal) => Promise<unknown>) | undefined {
    if (!this.usesResponses(request)) return undefined;
    const metadata = { requestId: 'compact', requestedModel: request.target.requested, attempt: 1 };
    const call = {
      path: '/responses/compact',
      body: compactBody(encodeResponsesRequest({ ...request, stream: false })),
      decodeResponse: decodeResponsesResponse,
      streamDecoder: () => new ResponsesStreamDecoder(),
    };
    const exchange = openAiStyleExchange(this.setup, call, { ...request, stream: false }, metadata);
    return async (signal) => {
      const json = await callUpstreamJson(exchange, signal, request.target.model);
      if (!Array.isArray(asObject(json)?.['output']))
        throw invalidResponse(this.name, 'a compaction without an output list');
      return json;
    };
  }

  /** Responses client → Responses API: the client's tools, hosted and custom ones included, go verbatim. */
  passesThroughTools(request: CanonicalRequest): boolean {
    return this.usesResponses(request) && request.nativeTools?.dialect === 'openai-responses';
  }

  /** Responses client → Responses API: the client's uncarried fields go verbatim (encode-request.ts). */
  passesThroughFields(request: CanonicalRequest): boolean {
    return this.usesResponses(request) && request.nativeFields?.dialect === 'openai-responses';
  }

  /** `auto`: the API that matches the client's dialect, unless the model exists only on the Responses API. */
  private usesResponses(request: CanonicalRequest): boolean {
    if (this.api !== 'auto') return this.api === 'responses';
    const model = request.target.model;
    return (
      request.dialect === 'openai-responses' ||
      this.responsesOnlyModels.some((fragment) => model.includes(fragment))
    );
  }
}

/** `providers.openai`: its config and defaults (`config.ts`) and the adapter above. */
export const openAiDescriptor = upstreamDescriptor(
  'openai',
  openAiConfigSchema,
  (config, context) => new OpenAiProvider(config, context),
);
