/**
 * The stored baselines: one JSON file per machine under perf/baselines/, holding the gated ratios of a run
 * on that machine. A run compares only against the file of its own machine; on any other machine the gates
 * are skipped (listed by name in the lane report), because a ratio is only stable on the same hardware.
 * `pnpm test:perf -- --update-baseline` rewrites this machine's file from the run.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BASELINE_DIR = join(import.meta.dirname, '..', '..', 'baselines');

export interface StoredBaseline {
  readonly machine: string;
  readonly pinning: string;
  readonly recordedAt: string;
  readonly mode: string;
  readonly ratios: Readonly<Record<string, number>>;
}

export function findBaseline(machine: string, dir = BASELINE_DIR): StoredBaseline | undefined {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    return undefined;
  }
  for (const file of files) {
    const stored = JSON.parse(readFileSync(join(dir, file), 'utf8')) as StoredBaseline;
    if (stored.machine === machine) return stored;
  }
  return undefined;
}

/** A file name from the machine line, e.g. `2-intel-r-xeon-r-processor-24-gib-node-v24-21-0.json`. */
export function baselineFileName(machine: string): string {
  return `${machine
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.json`;
}

export function writeBaseline(baseline: StoredBaseline, dir = BASELINE_DIR): string {
  const file = join(dir, baselineFileName(baseline.machine));
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
  return file;
}

/** Each figure at the higher of the stored and the new ratio (new figures are added as measured). */
export function widen(
  stored: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number>>,
): Record<string, number> {
  const merged: Record<string, number> = { ...current };
  for (const [name, value] of Object.entries(stored)) {
    const now = current[name];
    merged[name] = now === undefined || !Number.isFinite(now) ? value : Math.max(value, now);
  }
  return merged;
}
