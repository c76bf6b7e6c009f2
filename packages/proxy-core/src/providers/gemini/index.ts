import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ThinkingFormat } from '../../thinking/types.ts';
import type { RequestMetadata } from '../provider.ts';
import type { UpstreamExchange, UpstreamRequest } from '../shared/http-call.ts';
import { joinUrl } from '../shared/request-headers.ts';
import { providerErrorFrom } from '../shared/upstream-error.ts';
import { UpstreamProvider, upstreamHeaders } from '../shared/upstream-provider.ts';
import { upstreamDescriptor } from '../shared/upstream-descriptor.ts';
import type { ProviderContext } from '../shared/upstream-setup.ts';
import { geminiConfigSchema, type GeminiConfig } from './config.ts';
import { decodeGenerateContentResponse } from './decode-response.ts';
import { GenerateContentDecoder } from './decode-stream.ts';
import { encodeGenerateContentRequest } from './encode-request.ts';
import { geminiErrorDetail } from './errors.ts';

/**
 * Gemini: `POST {baseUrl}/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse` when
 * streaming, with the key in `x-goog-api-key` (never `?key=`, which leaks into logs).
 */
export class GeminiProvider extends UpstreamProvider {
  constructor(config: GeminiConfig, context: ProviderContext) {
    super(config, context);
  }

  /** A Gemini client's hosted tools (googleSearch, codeExecution, …) reach Gemini as sent. */
  passesThroughTools(request: CanonicalRequest): boolean {
    return request.nativeTools?.dialect === 'gemini';
  }

  /** A Gemini client's uncarried fields reach Gemini verbatim (same dialect, design §3). */
  passesThroughFields(request: CanonicalRequest): boolean {
    return request.nativeFields?.dialect === 'gemini';
  }

  /**
   * `POST {baseUrl}/models/{model}:countTokens` with the request as it would be sent, as a whole
   * `generateContentRequest` (system instruction and tools count too; Google requires its `model` there).
   */
  countTokens(request: CanonicalRequest, signal: AbortSignal): Promise<number> {
    const toCounting = (sent: UpstreamRequest): UpstreamRequest => ({
      ...sent,
      url: this.methodUrl(request, 'countTokens'),
      body: {
        generateContentRequest: {
          model: `models/${request.target.model}`,
          ...(sent.body as Record<string, unknown>),
        },
      },
    });
    return this.countTokensVia(request, toCounting, 'totalTokens', signal);
  }

  protected thinkingFormat(): ThinkingFormat {
    return 'gemini';
  }

  private methodUrl(request: CanonicalRequest, method: string): string {
    return joinUrl(
      this.setup.config.baseUrl,
      `/models/${encodeURIComponent(request.target.model)}:${method}`,
    );
  }

  protected exchange(request: CanonicalRequest, metadata: RequestMetadata): UpstreamExchange {
    const { name, keys, fixHint } = this.setup;
    const body = encodeGenerateContentRequest(request);
    const headers = upstreamHeaders(this.setup, request, metadata);
    const url = this.methodUrl(request, request.stream ? 'streamGenerateContent?alt=sse' : 'generateContent');
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

/** `providers.gemini`: its config and defaults (`config.ts`) and the adapter above. */
export const geminiDescriptor = upstreamDescriptor(
  'gemini',
  geminiConfigSchema,
  (config, context) => new GeminiProvider(config, context),
);
