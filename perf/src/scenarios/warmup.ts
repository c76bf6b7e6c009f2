/**
 * Warms the freshly started proxy (JIT, first upstream connections) with a little of every kind of traffic
 * before anything is measured; without it the first frontier step of the proxy measured start-up, not
 * steady state (p99 near 400 ms at 100 RPS).
 */
import { STREAM } from '../modes.ts';
import { runLoadClient } from '../topology/load-client.ts';
import type { Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';

export async function warmUp(pinning: Pinning, proxy: Target): Promise<void> {
  await runLoadClient(
    pinning,
    'latency-main.ts',
    {
      url: `${proxy.baseUrl}/chat/completions`,
      headers: proxy.headers,
      body: JSON.stringify({ model: proxy.model, messages: [{ role: 'user', content: 'warm-up' }] }),
      warmup: 0,
      requests: 1_000,
    },
    60_000,
  );
  const common = { streams: 50, deltas: STREAM.deltas, stallMs: STREAM.stallMs, timeoutMs: 10_000 };
  await runLoadClient(
    pinning,
    'sse-fanout-main.ts',
    {
      ...common,
      url: `${proxy.baseUrl}/chat/completions`,
      headers: proxy.headers,
      dialect: 'chat',
      body: JSON.stringify({
        model: proxy.model,
        stream: true,
        messages: [{ role: 'user', content: 'warm-up' }],
      }),
    },
    30_000,
  );
  await runLoadClient(
    pinning,
    'ws-fanout-main.ts',
    {
      ...common,
      url: `${proxy.baseUrl.replace(/^http/, 'ws')}/responses`,
      headers: { authorization: proxy.headers['authorization'] ?? '' },
      dialect: 'responses',
      body: JSON.stringify({ type: 'response.create', model: proxy.model, input: 'warm-up' }),
    },
    30_000,
  );
}
