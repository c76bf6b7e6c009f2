import { join } from 'node:path';

export interface PerfScenario {
  readonly id: string;
  readonly description: string;
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
  /** A negative control: k6 must exit 99 (threshold failed); proves the gate can fail. */
  readonly expectThresholdFailure: boolean;
}

const k6Dir = join(import.meta.dirname, '..', 'k6');

/** Load duration is bounded; LOAD_DURATION may shorten or lengthen it (e.g. `10s` in CI). */
export function scenarios(loadDuration: string): PerfScenario[] {
  return [
    {
      id: 'perf:sse-fanout',
      description: '10 VUs streaming SSE from a loopback upstream: p95/p99 of TTFB and stream duration',
      script: join(k6Dir, 'sse-stream.ts'),
      env: { VUS: '10', LOAD_DURATION: loadDuration },
      expectThresholdFailure: false,
    },
    {
      id: 'perf:threshold-gate',
      description: 'negative control: an impossible p(95) threshold must make k6 exit 99',
      script: join(k6Dir, 'sse-stream.ts'),
      env: { VUS: '2', LOAD_DURATION: '2s', TTFB_P95_MS: '0.001', TTFB_P99_MS: '0.001' },
      expectThresholdFailure: true,
    },
  ];
}
