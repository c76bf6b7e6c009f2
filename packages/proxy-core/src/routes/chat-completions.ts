import type { FastifyInstance } from 'fastify';
import { newId } from '../canonical/ids.ts';
import { decodeChatRequest } from '../dialects/openai-chat/decode.ts';
import { encodeChatResponse } from '../dialects/openai-chat/encode-response.ts';
import { ChatStreamEncoder } from '../dialects/openai-chat/encode-stream.ts';
import { handleModelRequest, type DialectHandler } from '../model-plane/http-exchange.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';

export const CHAT_COMPLETIONS_ROUTE = '/v1/chat/completions';

type Decoded = ReturnType<typeof decodeChatRequest>;

function envelope(model: string): { id: string; model: string; created: number } {
  return { id: newId('chatcmpl-'), model, created: Math.floor(Date.now() / 1000) };
}

const chatHandler: DialectHandler<Decoded> = {
  route: CHAT_COMPLETIONS_ROUTE,
  decode: decodeChatRequest,
  json: (response, _decoded, target) => encodeChatResponse(response, envelope(target.requested)),
  encoder: (decoded, target) => new ChatStreamEncoder(envelope(target.requested), decoded.includeUsage),
};

/** POST /v1/chat/completions: OpenAI Chat Completions, JSON or SSE ending with `data: [DONE]`. */
export function registerChatCompletions(app: FastifyInstance, runtime: PlaneRuntime): void {
  app.post(CHAT_COMPLETIONS_ROUTE, (request, reply) =>
    handleModelRequest(runtime, chatHandler, request, reply),
  );
}
