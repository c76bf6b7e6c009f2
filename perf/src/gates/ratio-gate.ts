/**
 * Regression gates as ratios (TensorZero-style): each gated figure is proxy ÷ direct measured in the same
 * run, compared with the same ratio stored from an earlier run on the same machine. A p99 ratio may grow by
 * at most 10 %, a p95 ratio by at most 15 %. Absolute times are never judged: they move with the machine,
 * the ratio to a baseline measured beside them does not.
 */
import type { PerfRun } from '../run-record.ts';

export const ALLOWED_GROWTH = { p95: 0.15, p99: 0.1 } as const;

/** The gated ratios of a run, by name (`<scenario> <figure> p95|p99`). */
export function gatedRatios(run: PerfRun): Record<string, number> {
  const ratios: Record<string, number> = {
    'latency-c1 latency p95': run.latency.ratio.p95,
    'latency-c1 latency p99': run.latency.ratio.p99,
  };
  for (const [transport, levels] of [
    ['sse', run.sse],
    ['ws', run.ws],
  ] as const) {
    const level = levels.find((l) => l.streams === 100);
    if (level === undefined) continue;
    ratios[`${transport}-100 ttft p95`] = level.ratio.ttftP95;
    ratios[`${transport}-100 ttft p99`] = level.ratio.ttftP99;
    ratios[`${transport}-100 gap p95`] = level.ratio.gapP95;
    ratios[`${transport}-100 gap p99`] = level.ratio.gapP99;
  }
  return ratios;
}

export interface GateVerdict {
  readonly name: string;
  readonly current: number;
  readonly baseline: number;
  /** The highest current ratio that passes: baseline × (1 + allowed growth). */
  readonly limit: number;
  readonly passed: boolean;
}

function growthFor(name: string): number {
  return name.endsWith('p95') ? ALLOWED_GROWTH.p95 : ALLOWED_GROWTH.p99;
}

/** One verdict per gated figure present in both; a missing or non-finite current figure fails. */
export function judge(
  current: Readonly<Record<string, number>>,
  baseline: Readonly<Record<string, number>>,
): GateVerdict[] {
  return Object.entries(baseline).map(([name, base]) => {
    const value = current[name] ?? Number.NaN;
    const limit = Math.round(base * (1 + growthFor(name)) * 1000) / 1000;
    return { name, current: value, baseline: base, limit, passed: Number.isFinite(value) && value <= limit };
  });
}
