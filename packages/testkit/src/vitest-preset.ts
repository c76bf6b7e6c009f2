import { join } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';
import { laneReportsDir } from './paths.ts';

export interface LaneConfigOptions {
  /** Lane name: unit, smoke, contracts, e2e, security, chaos. */
  readonly lane: string;
  readonly include: readonly string[];
  readonly exclude?: readonly string[];
  readonly setupFiles?: readonly string[];
  readonly testTimeout?: number;
  /** Run test files one at a time (lanes that own ports or processes). */
  readonly serial?: boolean;
  readonly coverage?: { readonly include: readonly string[]; readonly thresholds: Record<string, number> };
}

/**
 * The Vitest config every lane uses: console output plus JUnit and JSON results under
 * reports/<lane>/ (read by the lane gate and the gap report), `.only` refused, no silent empty runs.
 */
export function laneConfig(options: LaneConfigOptions): ViteUserConfig {
  const reportsDir = laneReportsDir(options.lane);
  return {
    test: {
      include: [...options.include],
      exclude: ['**/node_modules/**', '**/dist/**', ...(options.exclude ?? [])],
      setupFiles: [...(options.setupFiles ?? [])],
      reporters: ['default', 'junit', 'json'],
      outputFile: { junit: join(reportsDir, 'results.junit.xml'), json: join(reportsDir, 'results.json') },
      includeTaskLocation: true,
      allowOnly: false,
      passWithNoTests: false,
      testTimeout: options.testTimeout ?? 10_000,
      // Hooks start the servers and processes a lane's tests use, so they get the tests' bound, not vitest's 10 s.
      hookTimeout: options.testTimeout ?? 10_000,
      ...(options.serial === true ? { fileParallelism: false } : {}),
      ...(options.coverage
        ? {
            coverage: {
              enabled: false,
              provider: 'v8' as const,
              include: [...options.coverage.include],
              reporter: ['text-summary', 'json-summary'],
              reportsDirectory: join(reportsDir, 'coverage'),
              thresholds: options.coverage.thresholds,
            },
          }
        : {}),
    },
  };
}
