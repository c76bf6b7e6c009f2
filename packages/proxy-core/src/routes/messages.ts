import type { FastifyInstance } from 'fastify';
import { newId } from '../canonical/ids.ts';
import type { DecodedRequest } from '../canonical/request.ts';
import { decodeMessagesRequest } from '../dialects/anthropic-messages/decode.ts';
import { encodeMessagesResponse } from '../dialects/anthropic-messages/encode-response.ts';
import { MessagesStreamEncoder } from '../dialects/anthropic-messages/encode-stream.ts';
import { PASSED_THROUGH_HEADERS } from '../dialects/anthropic-messages/field-policy.ts';
import { handleModelRequest, type DialectHandler } from '../model-plane/http-exchange.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';

export const MESSAGES_ROUTE = '/v1/messages';

const messagesHandler: DialectHandler<DecodedRequest> = {
  route: MESSAGES_ROUTE,
  decode: decodeMessagesRequest,
  nativeHeaders: PASSED_THROUGH_HEADERS,
  json: (response, _decoded, target) =>
    encodeMessagesResponse(response, { id: newId('msg_'), model: target.requested }),
  encoder: (_decoded, target) => new MessagesStreamEncoder({ id: newId('msg_'), model: target.requested }),
};

/**
 * POST /v1/messages: Anthropic Messages, JSON or SSE. Errors thrown here are rendered in the
 * Anthropic shape by the shell's error handler (it picks the dialect by route).
 */
export function registerMessages(app: FastifyInstance, runtime: PlaneRuntime): void {
  app.post(MESSAGES_ROUTE, (request, reply) => handleModelRequest(runtime, messagesHandler, request, reply));
}
