/**
 * Added latency at concurrency 1: in each round, the same number of sequential non-streamed Chat
 * Completions go straight to the upstream and through the proxy (order rotating per round, so drift
 * hits every side alike); percentiles per round, then the median of the rounds. `--peers` runs the same
 * rounds with the peer gateways as further sides.
 */
import type { PerfMode } from '../modes.ts';
import { medianOfRounds, percentiles, ratio, round, type Percentiles } from '../stats.ts';
import { runLoadClient } from '../topology/load-client.ts';
import { rotated } from './interleave.ts';
import { cpuSeconds } from '../topology/process-cpu.ts';
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

/** One side of an interleaved latency run: medians of per-round percentiles, ms. */
export interface LatencySide {
  readonly percentiles: Percentiles;
  readonly errors: number;
  /** The gateway's CPU time (all threads) per measured request, µs; only for a target with a pid. */
  readonly cpuUsPerRequest: number | undefined;
}

/**
 * The same rounds against any number of targets, interleaved (round r runs them rotated by r). Each target
 * is asked for its own model with its own headers; per round, each gets a fresh load-generator process.
 */
export async function measureLatencySides(
  pinning: Pinning,
  targets: readonly Target[],
  mode: PerfMode['latency'],
): Promise<Record<string, LatencySide>> {
  const rounds = new Map<string, Percentiles[]>(targets.map((t) => [t.name, []]));
  const errors = new Map<string, number>(targets.map((t) => [t.name, 0]));
  const cpu = new Map<string, number>(targets.map((t) => [t.name, 0]));
  for (let r = 0; r < mode.rounds; r += 1) {
    for (const target of rotated(targets, r)) {
      const cpuBefore = target.pid === undefined ? undefined : cpuSeconds(target.pid);
      const run = await runLoadClient<LatencyRun>(
        pinning,
        'latency-main.ts',
        {
          url: `${target.baseUrl}/chat/completions`,
          headers: target.headers,
          body: JSON.stringify({ model: target.model, messages: [{ role: 'user', content: 'load test' }] }),
          warmup: mode.warmup,
          requests: mode.requests,
          expectStatus: target.expectStatus ?? 200,
        },
        120_000,
      );
      const cpuAfter = target.pid === undefined ? undefined : cpuSeconds(target.pid);
      if (cpuBefore !== undefined && cpuAfter !== undefined)
        cpu.set(target.name, (cpu.get(target.name) ?? 0) + cpuAfter - cpuBefore);
      errors.set(target.name, (errors.get(target.name) ?? 0) + run.errors);
      rounds.get(target.name)?.push(toMs(percentiles(run.samplesUs)));
    }
  }
  const requests = mode.rounds * (mode.warmup + mode.requests);
  return Object.fromEntries(
    targets.map((target) => [
      target.name,
      {
        percentiles: medianOfRounds(rounds.get(target.name) ?? []),
        errors: errors.get(target.name) ?? 0,
        cpuUsPerRequest:
          target.pid === undefined ? undefined : round(((cpu.get(target.name) ?? 0) * 1e6) / requests, 0),
      },
    ]),
  );
}

export async function measureLatency(
  pinning: Pinning,
  targets: { direct: Target; proxy: Target },
  mode: PerfMode['latency'],
): Promise<LatencyResult> {
  const sides = await measureLatencySides(pinning, [targets.direct, targets.proxy], mode);
  const directSide = sides[targets.direct.name];
  const proxySide = sides[targets.proxy.name];
  if (directSide === undefined || proxySide === undefined)
    throw new Error('latency: a side was not measured');
  const direct = directSide.percentiles;
  const proxy = proxySide.percentiles;
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
    errors: directSide.errors + proxySide.errors,
  };
}
