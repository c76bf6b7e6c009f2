/**
 * Warms the freshly started proxy (JIT, first upstream connections) with a little of every kind of traffic
 * before anything is measured; without it the first frontier step of the proxy measured start-up, not
 * steady state (p99 near 400 ms at 100 RPS).
 */
import { STREAM } from '../modes.ts';
import { runLoadClient } from '../topology/load-client.ts';
import type { Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';

/** What a warm-up sends: non-streamed requests, then (optionally) 50 SSE and 50 WebSocket streams. */
export interface WarmUpTraffic {
  readonly requests: number;
  readonly sse: boolean;
  readonly ws: boolean;
  /** Per-stream bound; a slow peer needs more than the proxy. */
  readonly streamTimeoutMs: number;
}

/** The proxy's warm-up: a little of every kind of traffic the scenarios send. */
export const PROXY_WARM_UP: WarmUpTraffic = { requests: 1_000, sse: true, ws: true, streamTimeoutMs: 10_000 };

export async function warmUp(
  pinning: Pinning,
  target: Target,
  traffic: WarmUpTraffic = PROXY_WARM_UP,
): Promise<void> {
  await runLoadClient(
    pinning,
    'latency-main.ts',
    {
      url: `${target.baseUrl}/chat/completions`,
      headers: target.headers,
      body: JSON.stringify({ model: target.model, messages: [{ role: 'user', content: 'warm-up' }] }),
      warmup: 0,
      requests: traffic.requests,
    },
    120_000,
  );
  const common = {
    streams: 50,
    deltas: STREAM.deltas,
    stallMs: STREAM.stallMs,
    timeoutMs: traffic.streamTimeoutMs,
  };
  if (traffic.sse) {
    await runLoadClient(
      pinning,
      'sse-fanout-main.ts',
      {
        ...common,
        url: `${target.baseUrl}/chat/completions`,
        headers: target.headers,
        dialect: 'chat',
        body: JSON.stringify({
          model: target.model,
          stream: true,
          messages: [{ role: 'user', content: 'warm-up' }],
        }),
      },
      60_000,
    );
  }
  if (traffic.ws) {
    await runLoadClient(
      pinning,
      'ws-fanout-main.ts',
      {
        ...common,
        url: `${target.baseUrl.replace(/^http/, 'ws')}/responses`,
        headers: { authorization: target.headers['authorization'] ?? '' },
        dialect: 'responses',
        body: JSON.stringify({ type: 'response.create', model: target.model, input: 'warm-up' }),
      },
      60_000,
    );
  }
}
