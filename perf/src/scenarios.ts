import { join } from 'node:path';

/** Which loopback target a scenario drives. */
export type PerfTarget = 'direct-upstream' | 'proxy-responses';

export interface PerfScenario {
  readonly id: string;
  readonly description: string;
  readonly script: string;
  readonly target: PerfTarget;
  readonly env: Readonly<Record<string, string>>;
  /** A negative control: k6 must exit 99 (threshold failed); proves the gate can fail. */
  readonly expectThresholdFailure: boolean;
}

/** The mock upstream's pause between stream frames: both targets stream the very same upstream answer. */
export const STREAM_INTERVAL_MS = 5;

const k6Dir = join(import.meta.dirname, '..', 'k6');

/** Load duration is bounded; LOAD_DURATION may shorten or lengthen it (e.g. `10s` in CI). */
export function scenarios(loadDuration: string): PerfScenario[] {
  const script = join(k6Dir, 'sse-stream.ts');
  return [
    {
      id: 'perf:sse-fanout',
      description: 'baseline: 10 VUs streaming POST /responses straight from the loopback mock upstream',
      script,
      target: 'direct-upstream',
      env: { VUS: '10', LOAD_DURATION: loadDuration },
      expectThresholdFailure: false,
    },
    {
      id: 'perf:responses-fanout',
      description:
        '10 VUs streaming POST /v1/responses through the proxy to the same upstream (openai provider)',
      script,
      target: 'proxy-responses',
      env: { VUS: '10', LOAD_DURATION: loadDuration },
      expectThresholdFailure: false,
    },
    {
      id: 'perf:threshold-gate',
      description: 'negative control: an impossible p(95) threshold must make k6 exit 99',
      script,
      target: 'direct-upstream',
      env: { VUS: '2', LOAD_DURATION: '2s', TTFB_P95_MS: '0.001', TTFB_P99_MS: '0.001' },
      expectThresholdFailure: true,
    },
  ];
}
