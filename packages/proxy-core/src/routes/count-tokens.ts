import type { FastifyInstance } from 'fastify';
import { decodeMessagesRequest } from '../dialects/anthropic-messages/decode.ts';
import { countInputTokens } from '../model-plane/count-tokens.ts';
import { prepareCall, routingHeaders } from '../model-plane/prepare-call.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';
import { ApiError } from '../http/api-error.ts';
import { clientSafeError } from '../streaming/client-safe-error.ts';
import { ClientGoneError, toErrorSpec } from '../streaming/stream-errors.ts';

export const COUNT_TOKENS_ROUTE = '/v1/messages/count_tokens';

/**
 * POST /v1/messages/count_tokens: Anthropic's token counting for a Messages body (no `max_tokens` needed), for
 * any provider the model resolves to. `x-switchyard-token-count` says whether the count is exact or an estimate.
 */
export function registerCountTokens(app: FastifyInstance, runtime: PlaneRuntime): void {
  app.post(COUNT_TOKENS_ROUTE, async (request, reply) => {
    const body = request.body;
    // Counting takes no max_tokens; the Messages decoder requires one, and it changes nothing here.
    const withMax =
      body !== null && typeof body === 'object' && !Array.isArray(body) ? { max_tokens: 1, ...body } : body;
    const prepared = prepareCall(runtime, decodeMessagesRequest(withMax));
    const controller = new AbortController();
    const onClose = (): void => {
      if (!reply.raw.writableFinished) controller.abort(new ClientGoneError());
    };
    reply.raw.on('close', onClose);
    const untrack = runtime.track(controller);
    void reply.headers(routingHeaders(prepared));
    try {
      const count = await countInputTokens(prepared, controller.signal);
      void reply.header('x-switchyard-token-count', count.method);
      return { input_tokens: count.inputTokens };
    } catch (error) {
      if (error instanceof ClientGoneError) return reply.hijack();
      // The provider's failure, through the same gate as a model call's: scrubbed, a refused key in our words.
      throw new ApiError(clientSafeError(toErrorSpec(error), prepared.provider.name, runtime.scrubber));
    } finally {
      untrack();
      reply.raw.off('close', onClose);
    }
  });
}
