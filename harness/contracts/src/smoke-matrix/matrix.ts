import type { SmokeCase } from './cases.ts';
import { hasLiveKey } from './live-keys.ts';
import { waitForReady } from './ready.ts';
import { runCase, type CaseResult } from './run-case.ts';

export interface MatrixOptions {
  readonly baseUrl: string;
  readonly cases: readonly SmokeCase[];
  readonly timeoutMs: number;
  readonly apiKey?: string;
  /** Live mode: a provider without a key in `env` is "not run (no key)" instead of called. */
  readonly live?: { readonly env: NodeJS.ProcessEnv };
  readonly readyTimeoutMs?: number;
}

/** The JSON the gap report reads (`{cases: [{id, status, reason?}]}`), plus context for humans. */
export interface MatrixReport {
  readonly baseUrl: string;
  readonly mode: 'offline' | 'live' | 'external';
  readonly startedAt: string;
  readonly durationMs: number;
  readonly passed: boolean;
  readonly cases: readonly CaseResult[];
}

export async function runMatrix(options: MatrixOptions, mode: MatrixReport['mode']): Promise<MatrixReport> {
  const startedAt = new Date();
  await waitForReady(options.baseUrl, options.readyTimeoutMs ?? 30_000);
  const cases = await Promise.all(
    options.cases.map(async (entry): Promise<CaseResult> =>
      options.live !== undefined && !hasLiveKey(entry.provider, options.live.env)
        ? {
            id: entry.id,
            provider: entry.provider,
            model: entry.model,
            status: 'not-run',
            reason: 'not run (no key)',
            durationMs: 0,
          }
        : runCase(entry, options),
    ),
  );
  return {
    baseUrl: options.baseUrl,
    mode,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    // `not-run (no key)` is not a failure: a live run with no keys at all reports that and exits 0.
    passed: cases.every((entry) => entry.status !== 'failed'),
    cases,
  };
}
