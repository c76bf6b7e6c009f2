import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DecodedRequest } from '../canonical/request.ts';
import { decodeMessagesRequest } from '../dialects/anthropic-messages/decode.ts';
import { countInputTokens, type TokenCount } from '../model-plane/count-tokens.ts';
import { prepareCall } from '../model-plane/prepare-call.ts';
import { callProviderEndpoint } from '../model-plane/provider-endpoint.ts';
import type { PlaneRuntime } from '../model-plane/runtime.ts';

export const COUNT_TOKENS_ROUTE = '/v1/messages/count_tokens';

/**
 * Counts a decoded request's prompt for whatever provider its model resolves to, answering the client with
 * `render(count)`: the one exchange behind Anthropic's `count_tokens` and Gemini's `countTokens`.
 * `x-switchyard-token-count` says whether the count is exact or an estimate.
 */
export async function countTokensExchange(
  runtime: PlaneRuntime,
  decoded: DecodedRequest,
  reply: FastifyReply,
  render: (count: TokenCount) => unknown,
): Promise<unknown> {
  const prepared = prepareCall(runtime, decoded);
  return callProviderEndpoint(runtime, prepared, reply, async (signal) => {
    const count = await countInputTokens(prepared, signal);
    void reply.header('x-switchyard-token-count', count.method);
    return render(count);
  });
}

/**
 * POST /v1/messages/count_tokens: Anthropic's token counting for a Messages body (no `max_tokens` needed), for
 * any provider the model resolves to.
 */
export function registerCountTokens(app: FastifyInstance, runtime: PlaneRuntime): void {
  app.post(COUNT_TOKENS_ROUTE, async (request, reply) => {
    const body = request.body;
    // Counting takes no max_tokens; the Messages decoder requires one, and it changes nothing here.
    const withMax =
      body !== null && typeof body === 'object' && !Array.isArray(body) ? { max_tokens: 1, ...body } : body;
    return countTokensExchange(runtime, decodeMessagesRequest(withMax), reply, (count) => ({
      input_tokens: count.inputTokens,
    }));
  });
}
