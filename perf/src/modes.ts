/**
 * How much each scenario does. `ci` (the default, part of quality:ci) keeps the whole lane near two minutes;
 * `full` (`pnpm test:perf -- --full`) uses the counts the issue asks for: more rounds, longer frontier steps,
 * a 10-minute soak and a 30 s memory "after" wait. Every run is bounded in time and count either way.
 */
export interface PerfMode {
  readonly name: 'ci' | 'full';
  readonly latency: { readonly rounds: number; readonly warmup: number; readonly requests: number };
  readonly frontier: {
    readonly stepSeconds: number;
    readonly startRps: number;
    readonly factor: number;
    readonly maxSteps: number;
  };
  readonly fanout: {
    readonly levels: readonly number[];
    readonly rounds: number;
    readonly timeoutMs: number;
  };
  readonly soak: { readonly seconds: number };
  /** RSS "after" is read this long after a scenario ends (30 s in full mode, shortened in CI). */
  readonly memoryAfterMs: number;
  /** Per fan-out level (full) or one memory figure per transport over all its levels (CI, to save waits). */
  readonly memoryPerLevel: boolean;
}

/** The streams every fan-out scenario paces: 64 deltas, one every 20 ms; a stall is a gap over 10×. */
export const STREAM = { deltas: 64, intervalMs: 20, stallMs: 200 } as const;

/** p99 bounds of the throughput frontier, ms (50 ms as well, so a slow proxy still shows a frontier). */
export const FRONTIER_BOUNDS_MS = [1, 5, 10, 50] as const;
/** A frontier step with more failed requests than this does not count. */
export const FRONTIER_MAX_ERROR_RATE = 0.001;

export const MODES: Readonly<Record<PerfMode['name'], PerfMode>> = {
  ci: {
    name: 'ci',
    latency: { rounds: 7, warmup: 50, requests: 250 },
    frontier: { stepSeconds: 1, startRps: 200, factor: 2, maxSteps: 6 },
    fanout: { levels: [100, 500, 1000], rounds: 1, timeoutMs: 20_000 },
    soak: { seconds: 60 },
    memoryAfterMs: 3_000,
    memoryPerLevel: false,
  },
  full: {
    name: 'full',
    latency: { rounds: 9, warmup: 200, requests: 2_000 },
    frontier: { stepSeconds: 5, startRps: 200, factor: 1.5, maxSteps: 14 },
    fanout: { levels: [100, 500, 1000], rounds: 3, timeoutMs: 60_000 },
    soak: { seconds: 600 },
    memoryAfterMs: 30_000,
    memoryPerLevel: true,
  },
};

/**
 * The side-by-side frontier (`--peers`) starts lower, so the slowest peer (LiteLLM: ~100 RPS here) still
 * shows a frontier, and takes as many extra steps as it needs to reach the same top rate as the lane's own
 * sweep. Every side gets the same steps.
 */
export const PEERS_FRONTIER_START_RPS = 50;

export function peersFrontier(frontier: PerfMode['frontier']): PerfMode['frontier'] {
  const extra = Math.ceil(Math.log(frontier.startRps / PEERS_FRONTIER_START_RPS) / Math.log(frontier.factor));
  return {
    ...frontier,
    startRps: PEERS_FRONTIER_START_RPS,
    maxSteps: frontier.maxSteps + Math.max(0, extra),
  };
}
