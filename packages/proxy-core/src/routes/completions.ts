import type { FastifyInstance } from 'fastify';
import { newId } from '../canonical/ids.ts';
import { decodeCompletionsRequest } from '../dialects/openai-completions/decode.ts';
import { CompletionStreamEncoder, encodeCompletionResponse } from '../dialects/openai-completions/encode.ts';
import { handleModelRequest, type DialectHandler } from '../model-plane/http-exchange.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';

export const COMPLETIONS_ROUTE = '/v1/completions';

type Decoded = ReturnType<typeof decodeCompletionsRequest>;

function envelope(model: string): { id: string; model: string; created: number } {
  return { id: newId('cmpl-'), model, created: Math.floor(Date.now() / 1000) };
}

const completionsHandler: DialectHandler<Decoded> = {
  route: COMPLETIONS_ROUTE,
  decode: decodeCompletionsRequest,
  json: (response, _decoded, target) => encodeCompletionResponse(response, envelope(target.requested)),
  encoder: (decoded, target) => new CompletionStreamEncoder(envelope(target.requested), decoded.includeUsage),
};

/** POST /v1/completions: legacy Completions served through chat, JSON or SSE ending with `data: [DONE]`. */
export function registerCompletions(app: FastifyInstance, runtime: PlaneRuntime): void {
  app.post(COMPLETIONS_ROUTE, (request, reply) =>
    handleModelRequest(runtime, completionsHandler, request, reply),
  );
}
