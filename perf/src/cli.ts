/**
 * The perf lane: runs each k6 scenario against a loopback target, keeps k6's summary JSON under
 * reports/perf/, and writes results.json (one result per threshold) for the lane gate and the gap report.
 * Exit status: 0 when every scenario behaved as expected, 1 otherwise (a failed threshold fails the task).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { laneReportsDir } from '@switchyard/testkit/paths';
import { requireTool } from '@switchyard/testkit/tools';
import { thresholdAssertions, toJsonTestReport, type ScenarioEvidence } from './k6-summary.ts';
import type { K6Summary } from './k6-summary.ts';
import { K6_THRESHOLD_FAILED, runK6 } from './k6-runner.ts';
import { overheadAssertion } from './overhead.ts';
import { scenarios } from './scenarios.ts';
import { startPerfTargets } from './targets.ts';

async function main(): Promise<number> {
  const k6 = requireTool('k6');
  const reportsDir = laneReportsDir('perf');
  mkdirSync(reportsDir, { recursive: true });
  const started = Date.now();
  const targets = await startPerfTargets();
  const summaries = new Map<string, K6Summary>();
  const evidence: ScenarioEvidence[] = [];
  try {
    for (const scenario of scenarios(process.env['LOAD_DURATION'] ?? '5s')) {
      const summaryPath = join(reportsDir, `${scenario.id.replace(/[^a-z0-9-]+/gi, '_')}.summary.json`);
      console.log(`[perf] ${scenario.id}: ${scenario.description}`);
      const run = await runK6({
        k6,
        script: scenario.script,
        summaryPath,
        env: { ...scenario.env, ...targets.env[scenario.target] },
      });
      if (run.summary === null) {
        console.error(run.output);
        evidence.push({
          scenario: scenario.id,
          file: scenario.script,
          assertions: [
            {
              title: 'k6 wrote a summary',
              fullName: `${scenario.id} k6 wrote a summary`,
              ancestorTitles: [scenario.id],
              status: 'failed',
              failureMessages: [`k6 exited ${run.exitCode} without a summary export`],
            },
          ],
        });
        continue;
      }
      summaries.set(scenario.id, run.summary);
      const thresholds = thresholdAssertions(scenario.id, run.summary);
      if (scenario.expectThresholdFailure) {
        const gateWorked =
          run.exitCode === K6_THRESHOLD_FAILED && thresholds.some((t) => t.status === 'failed');
        evidence.push({
          scenario: scenario.id,
          file: scenario.script,
          assertions: [
            {
              title: 'a crossed threshold makes k6 exit 99',
              fullName: `${scenario.id} a crossed threshold makes k6 exit 99`,
              ancestorTitles: [scenario.id],
              status: gateWorked ? 'passed' : 'failed',
              failureMessages: gateWorked
                ? []
                : [`expected exit 99 with a failed threshold, got exit ${run.exitCode}`],
            },
          ],
        });
      } else {
        if (run.exitCode !== 0) console.error(run.output);
        evidence.push({ scenario: scenario.id, file: scenario.script, assertions: thresholds });
      }
      for (const t of thresholds) {
        const p95 = t.meta?.['p(95)'];
        const p99 = t.meta?.['p(99)'];
        const figures =
          p95 === undefined ? '' : ` (p95 ${Number(p95).toFixed(2)} ms, p99 ${Number(p99).toFixed(2)} ms)`;
        console.log(`[perf]   ${t.status === 'passed' ? 'ok  ' : 'FAIL'} ${t.title}${figures}`);
      }
    }
    const proxied = summaries.get('perf:responses-fanout');
    const direct = summaries.get('perf:sse-fanout');
    if (proxied !== undefined && direct !== undefined) {
      const overhead = overheadAssertion('perf:responses-overhead', proxied, direct);
      console.log(
        `[perf] ${overhead.status === 'passed' ? 'ok  ' : 'FAIL'} ${overhead.title} ${JSON.stringify(overhead.meta)}`,
      );
      evidence.push({
        scenario: 'perf:responses-overhead',
        file: join(import.meta.dirname, 'overhead.ts'),
        assertions: [overhead],
      });
    }
  } finally {
    await targets.close();
  }
  const report = toJsonTestReport(evidence, started);
  writeFileSync(join(reportsDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report.success ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
