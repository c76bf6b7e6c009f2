/**
 * Added latency at concurrency 1: in each round, the same number of sequential non-streamed Chat
 * Completions go straight to the upstream and through the proxy (order alternating per round, so drift
 * hits both sides alike); percentiles per round, then the median of the rounds.
 */
import type { PerfMode } from '../modes.ts';
import { medianOfRounds, percentiles, ratio, round, type Percentiles } from '../stats.ts';
import { runLoadClient } from '../topology/load-client.ts';
import type { Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';

export interface LatencyResult {
  readonly rounds: number;
  readonly requestsPerRound: number;
  /** ms, medians of per-round percentiles. */
  readonly direct: Percentiles;
  readonly proxy: Percentiles;
  /** proxy − direct, ms. */
  readonly added: { readonly p50: number; readonly p95: number; readonly p99: number };
  /** proxy ÷ direct. */
  readonly ratio: { readonly p50: number; readonly p95: number; readonly p99: number };
  readonly errors: number;
}

interface LatencyRun {
  readonly samplesUs: number[];
  readonly errors: number;
}

function toMs(p: Percentiles): Percentiles {
  return { p50: p.p50 / 1000, p95: p.p95 / 1000, p99: p.p99 / 1000, max: p.max / 1000 };
}

export async function measureLatency(
  pinning: Pinning,
  targets: { direct: Target; proxy: Target },
  mode: PerfMode['latency'],
): Promise<LatencyResult> {
  const perTarget = { direct: [] as Percentiles[], proxy: [] as Percentiles[] };
  let errors = 0;
  for (let r = 0; r < mode.rounds; r += 1) {
    const order = r % 2 === 0 ? (['direct', 'proxy'] as const) : (['proxy', 'direct'] as const);
    for (const side of order) {
      const target = targets[side];
      const run = await runLoadClient<LatencyRun>(
        pinning,
        'latency-main.ts',
        {
          url: `${target.baseUrl}/chat/completions`,
          headers: target.headers,
          body: JSON.stringify({ model: target.model, messages: [{ role: 'user', content: 'load test' }] }),
          warmup: mode.warmup,
          requests: mode.requests,
        },
        120_000,
      );
      errors += run.errors;
      perTarget[side].push(toMs(percentiles(run.samplesUs)));
    }
  }
  const direct = medianOfRounds(perTarget.direct);
  const proxy = medianOfRounds(perTarget.proxy);
  const stat = (f: (key: 'p50' | 'p95' | 'p99') => number) => ({
    p50: f('p50'),
    p95: f('p95'),
    p99: f('p99'),
  });
  return {
    rounds: mode.rounds,
    requestsPerRound: mode.requests,
    direct,
    proxy,
    added: stat((key) => round(proxy[key] - direct[key])),
    ratio: stat((key) => ratio(proxy[key], direct[key])),
    errors,
  };
}
