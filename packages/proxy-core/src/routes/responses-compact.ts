import type { FastifyInstance } from 'fastify';
import type { DecodedRequest } from '../canonical/request.ts';
import {
  compactedResponse,
  decodeCompactRequest,
  type DecodedCompaction,
} from '../dialects/openai-responses/compact.ts';
import { summarisingRequest } from '../model-plane/compaction.ts';
import { handleModelRequest, type DialectHandler } from '../model-plane/http-exchange.ts';
import { prepareCall } from '../model-plane/prepare-call.ts';
import { callProviderEndpoint } from '../model-plane/provider-endpoint.ts';
import { FALLBACK_HEADER, fallbackHeaderTargets } from '../model-plane/routes.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';
import { refusePreviousResponseOverHttp } from './responses.ts';

export const RESPONSES_COMPACT_ROUTE = '/v1/responses/compact';

/** The summarising call through the one pipeline (retries, fallbacks, deadlines, metrics), answered as a compaction. */
function summarisingHandler(compaction: DecodedCompaction): DialectHandler<DecodedRequest> {
  return {
    route: RESPONSES_COMPACT_ROUTE,
    // The body was decoded once already, to choose between the provider's own compaction and this one.
    decode: () => summarisingRequest(compaction.conversation),
    json: (summary, _decoded, target) => compactedResponse(summary, compaction.kept, target.provider),
    encoder: () => {
      throw new Error('A compaction never streams: its decoder refuses `stream: true`.');
    },
  };
}

/**
 * POST /v1/responses/compact: the conversation compacted into the window to carry forward. An OpenAI model on the
 * Responses API compacts it with OpenAI's own endpoint (same-dialect pass-through); every other model writes a
 * summary through the model pipeline, handed back as a `compaction` item any provider can read later.
 */
export function registerResponsesCompact(app: FastifyInstance, runtime: PlaneRuntime): void {
  app.post(RESPONSES_COMPACT_ROUTE, async (request, reply) => {
    const compaction = decodeCompactRequest(request.body);
    refusePreviousResponseOverHttp(compaction.conversation);
    const prepared = prepareCall(
      runtime,
      compaction.conversation,
      fallbackHeaderTargets(request.headers[FALLBACK_HEADER]),
    );
    const native = prepared.provider.nativeCompaction?.(prepared.request);
    if (native !== undefined) return callProviderEndpoint(runtime, prepared, reply, native);
    return handleModelRequest(runtime, summarisingHandler(compaction), request, reply);
  });
}
