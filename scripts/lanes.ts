/** The test lanes each quality job runs (scripts/quality.ts); the CI gate's report must name the ci lanes. */
export type Mode = 'quick' | 'ci';

/** The test lanes each job runs; the gap report ignores leftover evidence of any other lane. */
export const LANES: Readonly<Record<Mode, readonly string[]>> = {
  quick: ['unit', 'smoke', 'contracts', 'e2e'],
  ci: ['unit', 'smoke', 'contracts', 'security', 'e2e', 'clients', 'chaos', 'perf'],
};
