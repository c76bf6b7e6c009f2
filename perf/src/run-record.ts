/** Everything one perf run measured: written to reports/perf/perf-run.json and rendered as the README table. */
import type { PeersRun } from './peers/side-by-side.ts';
import type { FanoutLevel } from './scenarios/fanout.ts';
import type { FrontierResult } from './scenarios/frontier.ts';
import type { LatencyResult } from './scenarios/latency.ts';
import type { MemoryFigures } from './scenarios/memory.ts';
import type { RequestPathsResult } from './scenarios/request-paths.ts';
import type { SoakResult } from './scenarios/soak.ts';

export interface PerfRun {
  readonly mode: 'ci' | 'full';
  readonly machine: string;
  readonly pinning: string;
  readonly startedAt: string;
  readonly durationS: number;
  readonly latency: LatencyResult;
  /** Cost per request of the 401 key flood and the idempotent replay, beside a served request. */
  readonly requestPaths: RequestPathsResult;
  readonly frontier: FrontierResult;
  readonly sse: readonly FanoutLevel[];
  readonly ws: readonly FanoutLevel[];
  readonly soak: SoakResult;
  /** scenario → the proxy's RSS idle / peak / after. */
  readonly memory: Readonly<Record<string, MemoryFigures>>;
  /** `--peers` only: the side-by-side run with Portkey and LiteLLM. */
  readonly peers?: PeersRun | undefined;
}
