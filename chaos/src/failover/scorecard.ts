/** The run's verdicts as JSON in reports/chaos/, and the scorecard table chaos/README.md carries. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { laneReportsDir } from '@switchyard/testkit/paths';
import type { ConfigurationResult, RunResult } from './catalogue-run.ts';
import { INGRESSES } from './ingress-client.ts';
import { FAULTS, SCALED, SCENARIO_IDS, type ScenarioId } from './scenarios.ts';
import { BOUNDS, type Verdict } from './verdicts.ts';

const ORDER: readonly Verdict[] = ['fail', 'partial', 'safe', 'pass'];

/** The worst verdict of a scenario over every ingress and streamed/not, in one configuration. */
export function worst(runs: readonly RunResult[], scenario: ScenarioId, fallback: boolean): Verdict {
  const verdicts = runs
    .filter((run) => run.scenario === scenario && run.fallback === fallback)
    .map((run) => run.verdict);
  return ORDER.find((verdict) => verdicts.includes(verdict)) ?? 'fail';
}

/** Scenarios of S01–S16 that pass in every ingress and mode (S07t counts with S07: both must pass). */
export function rescued(runs: readonly RunResult[], fallback: boolean): number {
  const catalogue = SCENARIO_IDS.filter((id) => id !== 's07t');
  return catalogue.filter(
    (id) =>
      worst(runs, id, fallback) === 'pass' && (id !== 's07' || worst(runs, 's07t', fallback) === 'pass'),
  ).length;
}

export function writeReport(results: readonly ConfigurationResult[]): string {
  // The lane's own reports folder (chaos/reports/chaos/), next to Vitest's results.json.
  const dir = laneReportsDir('chaos', join(import.meta.dirname, '..', '..'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'failover-catalogue.json');
  const runs = results.flatMap((result) => result.runs);
  const body = {
    generatedAt: new Date().toISOString(),
    scaled: SCALED,
    bounds: BOUNDS,
    configurations: results.map((result) => ({
      fallback: result.fallback,
      aliveAfter: result.aliveAfter,
      otherModelDuringCooldown: result.otherModelDuringCooldown,
      wallMs: result.wallMs,
      rescued: rescued(runs, result.fallback),
    })),
    runs: runs.map(({ seen, ...run }) => ({
      ...run,
      answers: seen.map(({ text, ...rest }) => ({ ...rest, textLength: text.length })),
    })),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

/** The markdown scorecard: scenario × ingress (streamed / not) × fallback → verdict, with a measured figure. */
export function scorecard(runs: readonly RunResult[]): string {
  const columns = INGRESSES.flatMap((ingress) => [true, false].map((stream) => ({ ingress, stream })));
  const header = `| Scenario | Fault | Fallback | ${columns.map((c) => `${c.ingress} ${c.stream ? 'SSE' : 'JSON'}`).join(' | ')} | Measured (chat SSE) |`;
  const rule = `|${' --- |'.repeat(columns.length + 4)}`;
  const rows = SCENARIO_IDS.flatMap((scenario) =>
    [false, true].map((fallback) => {
      const cells = columns.map(
        (column) =>
          runs.find(
            (run) =>
              run.scenario === scenario &&
              run.fallback === fallback &&
              run.ingress === column.ingress &&
              run.stream === column.stream,
          )?.verdict ?? '—',
      );
      const figure =
        runs.find(
          (run) =>
            run.scenario === scenario && run.fallback === fallback && run.ingress === 'chat' && run.stream,
        )?.figure ?? '';
      return `| ${scenario.toUpperCase()} | ${FAULTS[scenario]} | ${fallback ? 'yes' : 'no'} | ${cells.join(' | ')} | ${figure} |`;
    }),
  );
  return [header, rule, ...rows].join('\n');
}
