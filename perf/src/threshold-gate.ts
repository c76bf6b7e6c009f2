/**
 * The k6 negative control: an impossible `p(95)` threshold on a short stream run straight from the upstream
 * must make k6 exit 99 — proof that a crossed k6 threshold still fails the lane.
 */
import { join } from 'node:path';
import { K6_THRESHOLD_FAILED, runK6 } from './k6-runner.ts';
import { thresholdAssertions, type ScenarioEvidence } from './k6-summary.ts';
import type { Pinning } from './topology/pinning.ts';
import type { Target } from './topology/topology.ts';

export const THRESHOLD_GATE = 'perf:threshold-gate';
const script = join(import.meta.dirname, '..', 'k6', 'sse-stream.ts');

export async function thresholdGateControl(
  k6: string,
  pinning: Pinning,
  direct: Target,
  reportsDir: string,
): Promise<ScenarioEvidence> {
  const run = await runK6({
    k6,
    script,
    cpus: pinning.load,
    summaryPath: join(reportsDir, 'threshold-gate.summary.json'),
    env: {
      TARGET_URL: `${direct.baseUrl}/chat/completions`,
      AUTHORIZATION: direct.headers['authorization'] ?? '',
      REQUEST_BODY: JSON.stringify({
        model: direct.model,
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
      TERMINAL_MARKER: 'data: [DONE]',
      VUS: '2',
      LOAD_DURATION: '2s',
      TTFB_P95_MS: '0.001',
      TTFB_P99_MS: '0.001',
    },
  });
  const thresholds = run.summary === null ? [] : thresholdAssertions(THRESHOLD_GATE, run.summary);
  const gateWorked = run.exitCode === K6_THRESHOLD_FAILED && thresholds.some((t) => t.status === 'failed');
  const title = 'a crossed threshold makes k6 exit 99';
  return {
    scenario: THRESHOLD_GATE,
    file: script,
    assertions: [
      {
        title,
        fullName: `${THRESHOLD_GATE} ${title}`,
        ancestorTitles: [THRESHOLD_GATE],
        status: gateWorked ? 'passed' : 'failed',
        failureMessages: gateWorked
          ? []
          : [`expected exit 99 with a failed threshold, got exit ${run.exitCode}: ${run.output.slice(-500)}`],
      },
    ],
  };
}
