import type { FastifyReply } from 'fastify';
import { ApiError } from '../http/api-error.ts';
import { clientSafeError } from '../streaming/client-safe-error.ts';
import { ClientGoneError, toErrorSpec } from '../streaming/stream-errors.ts';
import { routingHeaders, type PreparedTarget } from './prepare-call.ts';
import type { PlaneRuntime } from './runtime.ts';

/**
 * One call to a provider's own JSON endpoint beside generation (Anthropic `count_tokens`, OpenAI
 * `responses/compact`) for a prepared target: the routing headers are set, a client that goes away aborts it, and
 * a failure passes the same gate as a model call's (scrubbed, a refused key in the proxy's words). Once, on the
 * primary target: no retries or fallbacks, which a different endpoint's answer could not stand in for.
 */
export async function callProviderEndpoint<T>(
  runtime: PlaneRuntime,
  target: PreparedTarget,
  reply: FastifyReply,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T | FastifyReply> {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!reply.raw.writableFinished) controller.abort(new ClientGoneError());
  };
  reply.raw.on('close', onClose);
  const untrack = runtime.track(controller);
  void reply.headers(routingHeaders(target));
  try {
    return await call(controller.signal);
  } catch (error) {
    if (error instanceof ClientGoneError) return reply.hijack();
    throw new ApiError(clientSafeError(toErrorSpec(error), target.provider.name, runtime.scrubber));
  } finally {
    untrack();
    reply.raw.off('close', onClose);
  }
}
