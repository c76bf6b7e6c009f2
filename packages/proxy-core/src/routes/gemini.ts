import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newId } from '../canonical/ids.ts';
import type { ModelTarget } from '../canonical/request.ts';
import { parseGeminiAction } from '../dialects/gemini/action.ts';
import { decodeGenerateContentRequest, type GeminiDecodedRequest } from '../dialects/gemini/decode.ts';
import { encodeGenerateContentResponse, type GeminiEnvelope } from '../dialects/gemini/encode-response.ts';
import { GenerateContentStreamEncoder } from '../dialects/gemini/encode-stream.ts';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { countTokensExchange } from './count-tokens.ts';
import { handleModelRequest, type DialectHandler } from '../model-plane/http-exchange.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';

/** The metrics label of each Gemini method (the model is not part of a route's name). */
export const GENERATE_CONTENT_ROUTE = '/v1beta/models/{model}:generateContent';
export const STREAM_GENERATE_CONTENT_ROUTE = '/v1beta/models/{model}:streamGenerateContent';

function envelope(target: ModelTarget): GeminiEnvelope {
  return { responseId: newId(''), modelVersion: target.requested };
}

function handlerFor(model: string, stream: boolean): DialectHandler<GeminiDecodedRequest> {
  return {
    route: stream ? STREAM_GENERATE_CONTENT_ROUTE : GENERATE_CONTENT_ROUTE,
    decode: (body) => decodeGenerateContentRequest(body, { model, stream }),
    json: (response, decoded, target) =>
      encodeGenerateContentResponse(response, envelope(target), decoded.includeThoughts),
    encoder: (decoded, target) => new GenerateContentStreamEncoder(envelope(target), decoded.includeThoughts),
  };
}

/**
 * A `countTokens` body holds either `contents` alone or a whole `generateContentRequest` (whose tools and system
 * instruction count too); both decode as a generateContent body.
 */
function decodeCountTokensRequest(body: unknown, model: string): GeminiDecodedRequest {
  const inner =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)['generateContentRequest']
      : undefined;
  return decodeGenerateContentRequest(inner ?? body, { model, stream: false });
}

/** `alt` (or `$alt`, Google's system-parameter spelling) from the query string. */
function altOf(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const alt = query?.['alt'] ?? query?.['$alt'];
  return typeof alt === 'string' ? alt : undefined;
}

/**
 * Where Gemini clients post: `/v1beta` (the Gemini CLI, older SDKs, the upstream proxy) and `/v1`, where
 * `@google/genai` sends by default since its 2.x. `POST /v1/models/…` is free: OpenAI's models API is GET only.
 */
export const GEMINI_GENERATE_PATHS = ['/v1beta/models/*', '/v1/models/*'] as const;

/**
 * POST {/v1beta,/v1}/models/{model}:generateContent, :streamGenerateContent?alt=sse and :countTokens (exact where
 * the provider counts, else the documented estimate, model-plane/count-tokens.ts) — the Gemini API for any
 * provider, the model named in the path as in every dialect (`provider/model`, a bare model, a route, a thinking
 * suffix). Errors are rendered in Google's shape by the shell's error handler (it picks the dialect by route).
 */
export function registerGemini(app: FastifyInstance, runtime: PlaneRuntime): void {
  for (const path of GEMINI_GENERATE_PATHS)
    app.post(path, (request, reply) => {
      const tail = (request.params as Record<string, string>)['*'] ?? '';
      const action = parseGeminiAction(tail, request.url.split('?', 1)[0] ?? '');
      if (action.method === 'countTokens') {
        const decoded = decodeCountTokensRequest(request.body, action.model);
        return countTokensExchange(runtime, decoded, reply, (count) => ({ totalTokens: count.inputTokens }));
      }
      const stream = action.method === 'streamGenerateContent';
      if (stream && altOf(request) !== 'sse') {
        throw new ApiError({
          ...catalogued('unsupported_parameter'),
          param: 'alt',
          message:
            'streamGenerateContent is served as server-sent events only: add "?alt=sse" to the URL (Google\'s SDKs do). The JSON-array stream is not supported.',
        });
      }
      return handleModelRequest(runtime, handlerFor(action.model, stream), request, reply);
    });
}
