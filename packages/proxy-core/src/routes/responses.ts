import type { FastifyInstance } from 'fastify';
import { newId } from '../canonical/ids.ts';
import type { ModelTarget } from '../canonical/request.ts';
import { decodeResponsesRequest, type DecodedResponsesRequest } from '../dialects/openai-responses/decode.ts';
import { encodeResponsesResponse } from '../dialects/openai-responses/encode-response.ts';
import { ResponsesStreamEncoder } from '../dialects/openai-responses/encode-stream.ts';
import type { ResponsesEnvelope } from '../dialects/openai-responses/response-object.ts';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { handleModelRequest, type DialectHandler } from '../model-plane/http-exchange.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';

export const RESPONSES_ROUTE = '/v1/responses';

export function responsesEnvelope(decoded: DecodedResponsesRequest, target: ModelTarget): ResponsesEnvelope {
  return {
    id: newId('resp_'),
    model: target.requested,
    createdAt: Math.floor(Date.now() / 1000),
    body: decoded.body,
  };
}

export function previousResponseNotFound(id: string, detail: string): ApiError {
  return new ApiError({
    ...catalogued('previous_response_not_found'),
    param: 'previous_response_id',
    message: `Previous response with id '${id}' not found. ${detail}`,
  });
}

/**
 * The proxy stores no responses over HTTP (no state in the request path), so `previous_response_id` names nothing
 * there; WebSocket mode keeps a connection-local cache instead.
 */
export function refusePreviousResponseOverHttp(decoded: DecodedResponsesRequest): void {
  if (decoded.previousResponseId !== undefined) {
    throw previousResponseNotFound(
      decoded.previousResponseId,
      'Over HTTP this proxy keeps no response state: resend the full input, or use WebSocket mode (GET /v1/responses).',
    );
  }
}

const responsesHandler: DialectHandler<DecodedResponsesRequest> = {
  route: RESPONSES_ROUTE,
  decode: (body) => decodeResponsesRequest(body),
  check: refusePreviousResponseOverHttp,
  json: (response, decoded, target) => encodeResponsesResponse(response, responsesEnvelope(decoded, target)),
  encoder: (decoded, target) => new ResponsesStreamEncoder(responsesEnvelope(decoded, target)),
};

/** POST /v1/responses: OpenAI Responses, JSON or SSE with the full event lifecycle. */
export function registerResponses(app: FastifyInstance, runtime: PlaneRuntime): void {
  app.post(RESPONSES_ROUTE, (request, reply) =>
    handleModelRequest(runtime, responsesHandler, request, reply),
  );
}
