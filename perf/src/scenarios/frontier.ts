/**
 * Throughput frontier: k6 offers a constant arrival rate of non-streamed Chat Completions, step by step
 * (×factor each step), to the upstream directly and through the proxy, interleaved per step. A step counts
 * for a bound when its p99 is under the bound, < 0.1 % of requests failed, and k6 achieved ≥ 95 % of the
 * offered rate; the frontier at a bound is the highest achieved rate of a counting step. A side stops after
 * two steps in a row miss the widest bound, so the sweep is bounded by the slower side, not by maxSteps alone.
 */
import { join } from 'node:path';
import { runK6 } from '../k6-runner.ts';
import type { K6Summary } from '../k6-summary.ts';
import { FRONTIER_BOUNDS_MS, FRONTIER_MAX_ERROR_RATE, type PerfMode } from '../modes.ts';
import { ratio, round } from '../stats.ts';
import type { Pinning } from '../topology/pinning.ts';
import type { Target } from '../topology/topology.ts';
import { rotated } from './interleave.ts';

const script = join(import.meta.dirname, '..', '..', 'k6', 'rate-step.ts');

export interface FrontierStep {
  readonly offeredRps: number;
  readonly achievedRps: number;
  readonly p99Ms: number;
  readonly errorRate: number;
}

export interface FrontierSide {
  readonly steps: readonly FrontierStep[];
  /** bound (ms) → highest achieved RPS with p99 under it; 0 when no step qualified. */
  readonly rpsAtP99: Readonly<Record<string, number>>;
}

export interface FrontierResult {
  readonly direct: FrontierSide;
  readonly proxy: FrontierSide;
  /** bound → proxy ÷ direct RPS. */
  readonly ratio: Readonly<Record<string, number>>;
}

function stat(summary: K6Summary | null, metric: string, key: string): number {
  const value = summary?.metrics[metric]?.[key];
  return typeof value === 'number' ? value : Number.NaN;
}

function sustained(step: FrontierStep): boolean {
  return step.errorRate < FRONTIER_MAX_ERROR_RATE && step.achievedRps >= 0.95 * step.offeredRps;
}

export function frontierOf(steps: readonly FrontierStep[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const bound of FRONTIER_BOUNDS_MS) {
    const ok = steps.filter((step) => sustained(step) && step.p99Ms < bound);
    result[`${bound}`] = ok.length === 0 ? 0 : Math.max(...ok.map((step) => round(step.achievedRps, 0)));
  }
  return result;
}

/**
 * The sweep against any number of targets: at each rate every still-live target gets one step, in
 * rotating order. Returns each target's steps and frontier by target name.
 */
export async function measureFrontierSides(
  k6: string,
  pinning: Pinning,
  targets: readonly Target[],
  mode: PerfMode['frontier'],
  reportsDir: string,
  log: (line: string) => void,
): Promise<Record<string, FrontierSide>> {
  const steps = new Map<string, FrontierStep[]>(targets.map((t) => [t.name, []]));
  const misses = new Map<string, number>(targets.map((t) => [t.name, 0]));
  const live = (target: Target): boolean => (misses.get(target.name) ?? 0) < 2;
  const widest = Math.max(...FRONTIER_BOUNDS_MS);
  let rate = mode.startRps;
  for (let i = 0; i < mode.maxSteps && targets.some(live); i += 1, rate = Math.round(rate * mode.factor)) {
    for (const target of rotated(targets, i)) {
      if (!live(target)) continue;
      const run = await runK6({
        k6,
        script,
        cpus: pinning.load,
        summaryPath: join(reportsDir, `frontier-${target.name}-${rate}.summary.json`),
        env: {
          TARGET_URL: `${target.baseUrl}/chat/completions`,
          REQUEST_HEADERS: JSON.stringify(target.headers),
          REQUEST_BODY: JSON.stringify({
            model: target.model,
            messages: [{ role: 'user', content: 'load test' }],
          }),
          RATE: String(rate),
          STEP_DURATION: `${mode.stepSeconds}s`,
        },
      });
      const step: FrontierStep = {
        offeredRps: rate,
        achievedRps: round(stat(run.summary, 'http_reqs', 'count') / mode.stepSeconds, 1),
        p99Ms: round(stat(run.summary, 'http_req_duration', 'p(99)'), 3),
        errorRate: stat(run.summary, 'http_req_failed', 'value'),
      };
      steps.get(target.name)?.push(step);
      log(
        `frontier ${target.name} @ ${rate} rps: achieved ${step.achievedRps}, p99 ${step.p99Ms} ms, errors ${step.errorRate}`,
      );
      // One major GC pause can spoil a short step, so a side stops after two misses in a row.
      misses.set(
        target.name,
        sustained(step) && step.p99Ms < widest ? 0 : (misses.get(target.name) ?? 0) + 1,
      );
    }
  }
  return Object.fromEntries(
    targets.map((target) => {
      const own = steps.get(target.name) ?? [];
      return [target.name, { steps: own, rpsAtP99: frontierOf(own) }];
    }),
  );
}

export async function measureFrontier(
  k6: string,
  pinning: Pinning,
  targets: { direct: Target; proxy: Target },
  mode: PerfMode['frontier'],
  reportsDir: string,
  log: (line: string) => void,
): Promise<FrontierResult> {
  const sides = await measureFrontierSides(
    k6,
    pinning,
    [targets.direct, targets.proxy],
    mode,
    reportsDir,
    log,
  );
  const empty: FrontierSide = { steps: [], rpsAtP99: frontierOf([]) };
  const direct = sides[targets.direct.name] ?? empty;
  const proxy = sides[targets.proxy.name] ?? empty;
  return { direct, proxy, ratio: frontierRatios(proxy, direct) };
}

/** bound → side ÷ direct RPS at that bound. */
export function frontierRatios(side: FrontierSide, direct: FrontierSide): Record<string, number> {
  const ratios: Record<string, number> = {};
  for (const bound of FRONTIER_BOUNDS_MS)
    ratios[`${bound}`] = ratio(side.rpsAtP99[`${bound}`] ?? 0, direct.rpsAtP99[`${bound}`] ?? 0);
  return ratios;
}
