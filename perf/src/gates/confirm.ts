/**
 * A ratio gate that fails is measured again before it fails the lane. On a 2-core machine one run's p99 moves
 * with whatever else the machine did in that second (in one day's runs the c=1 p99 ratio read 16.4, 5.8 and
 * 9.0 on the same code), so a single crossing proves little. A real regression crosses its limit on every
 * measurement; noise rarely does so three times in a row. Each gated figure keeps the lowest ratio seen.
 */
import { judge } from './ratio-gate.ts';

/** Measures the named gated figures again; returns their fresh ratios (a figure it cannot measure is absent). */
export type Remeasure = (names: readonly string[]) => Promise<Readonly<Record<string, number>>>;

export interface Confirmed {
  /** Each gated figure at the lowest ratio over the first measurement and the re-measurements. */
  readonly ratios: Record<string, number>;
  /** How many measurements each figure had (1 = it passed the first time). */
  readonly measurements: Record<string, number>;
}

export async function confirmFailures(
  first: Readonly<Record<string, number>>,
  baseline: Readonly<Record<string, number>>,
  remeasure: Remeasure,
  extraMeasurements = 2,
): Promise<Confirmed> {
  const ratios: Record<string, number> = { ...first };
  const measurements: Record<string, number> = Object.fromEntries(
    Object.keys(first).map((name) => [name, 1]),
  );
  for (let round = 0; round < extraMeasurements; round += 1) {
    const failing = judge(ratios, baseline)
      .filter((verdict) => !verdict.passed)
      .map((verdict) => verdict.name);
    if (failing.length === 0) break;
    const fresh = await remeasure(failing);
    for (const name of failing) {
      const value = fresh[name];
      if (value === undefined || !Number.isFinite(value)) continue;
      measurements[name] = (measurements[name] ?? 1) + 1;
      const before = ratios[name];
      ratios[name] = before === undefined || !Number.isFinite(before) ? value : Math.min(before, value);
    }
  }
  return { ratios, measurements };
}
