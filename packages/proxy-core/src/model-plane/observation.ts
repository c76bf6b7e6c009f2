import { performance } from 'node:perf_hooks';
import type { RequestObservation } from '../metrics/recorder.ts';
import { ApiError } from '../http/api-error.ts';
import type { CallStats } from '../streaming/model-call.ts';
import { ClientGoneError } from '../streaming/stream-errors.ts';
import { totalTokens } from '../canonical/usage.ts';

/** Client-side status for a request that failed before any byte was sent. */
export function statusOf(error: unknown): number {
  // 499 (nginx's "client closed request"): nothing was sent, the client left first.
  if (error instanceof ClientGoneError) return 499;
  return error instanceof ApiError ? error.spec.status : 500;
}

/** One metrics observation; providers are named by the routing decision, never by key prefixes. */
export function observation(
  route: string,
  provider: string | undefined,
  status: number,
  startedAt: number,
  stats: CallStats | undefined,
): RequestObservation {
  const success = status < 400 && stats?.outcome === 'success';
  return {
    provider,
    route,
    status,
    success,
    latencyMs: performance.now() - startedAt,
    ...(stats?.ttftMs === undefined ? {} : { ttftMs: stats.ttftMs }),
    ...(stats?.usage === undefined ? {} : { totalTokens: totalTokens(stats.usage) }),
    ...(stats === undefined || stats.tries.length === 0 ? {} : { tries: stats.tries }),
  };
}
