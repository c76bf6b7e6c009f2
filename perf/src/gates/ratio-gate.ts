/**
 * Regression gates as ratios (TensorZero-style): each gated figure is proxy ÷ direct measured in the same
 * run, compared with the same ratio stored from an earlier run on the same machine. A p99 ratio may grow by
 * at most 10 %, a p95 ratio by at most 15 %. Absolute times are never judged: they move with the machine,
 * the ratio to a baseline measured beside them does not.
 */
import type { PerfRun } from '../run-record.ts';
import type { FanoutLevel } from '../scenarios/fanout.ts';

export const ALLOWED_GROWTH = { p95: 0.15, p99: 0.1 } as const;

/** The gated ratios of a run, by name (`<scenario> <figure> p95|p99`). */
export function gatedRatios(run: PerfRun): Record<string, number> {
  const ratios: Record<string, number> = latencyRatios(run.latency);
  for (const [transport, levels] of [
    ['sse', run.sse],
    ['ws', run.ws],
  ] as const) {
    const level = levels.find((l) => l.streams === GATED_STREAMS);
    if (level !== undefined) Object.assign(ratios, fanoutRatios(transport, level));
  }
  return ratios;
}

/** The fan-out level whose ratios are gated. */
export const GATED_STREAMS = 100;

export function latencyRatios(latency: PerfRun['latency']): Record<string, number> {
  return { 'latency-c1 latency p95': latency.ratio.p95, 'latency-c1 latency p99': latency.ratio.p99 };
}

export function fanoutRatios(transport: 'sse' | 'ws', level: FanoutLevel): Record<string, number> {
  return {
    [`${transport}-${GATED_STREAMS} ttft p95`]: level.ratio.ttftP95,
    [`${transport}-${GATED_STREAMS} ttft p99`]: level.ratio.ttftP99,
    [`${transport}-${GATED_STREAMS} gap p95`]: level.ratio.gapP95,
    [`${transport}-${GATED_STREAMS} gap p99`]: level.ratio.gapP99,
  };
}

export interface GateVerdict {
  readonly name: string;
  readonly current: number;
  readonly baseline: number;
  /** The highest current ratio that passes: baseline × (1 + allowed growth). */
  readonly limit: number;
  readonly passed: boolean;
  /** Measurements behind `current` (its lowest); more than 1 when a crossing was measured again (confirm.ts). */
  readonly measurements?: number;
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
