import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LaneLookup } from './lane-evidence.ts';
import { laneKey, type LaneReport } from './lane-report.ts';
import { outcome, vacuous, type Evaluation } from './outcome.ts';
import { freshnessOf } from './staleness.ts';

const metricSchema = z.object({ pct: z.number() });
const summarySchema = z.object({
  total: z.object({
    lines: metricSchema,
    statements: metricSchema,
    functions: metricSchema,
    branches: metricSchema,
  }),
});

/**
 * A lane run with coverage writes istanbul's json-summary under reports/<lane>/coverage/. A percentage that
 * meets the bound is stale when the workspace's `src` (what the coverage measures) or the item's sources changed
 * after the lane started.
 */
export function evaluateCoverage(
  lookup: LaneLookup,
  selector: string,
  report: LaneReport,
  metric: 'lines' | 'statements' | 'functions' | 'branches',
  min: number,
): Evaluation {
  const file = `${report.workspace}/reports/${report.lane}/coverage/coverage-summary.json`;
  const path = `${report.dir}/coverage/coverage-summary.json`;
  if (!existsSync(path)) {
    // Vitest writes no coverage when tests failed: that is a failing lane, not a vacuous selector.
    if (report.verdict.status === 'failed') {
      return outcome(selector, 'failing', {
        lane: laneKey(report.workspace, report.lane),
        startedAt: report.verdict.startedAt,
        reason: `lane ${report.workspace}#${report.lane} failed and wrote no ${file}`,
      });
    }
    return vacuous(selector, `the lane passed but wrote no ${file}`);
  }
  const parsed = summarySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) return vacuous(selector, `${file} is not an istanbul json-summary`);
  const pct = parsed.data.total[metric].pct;
  const common = {
    lane: laneKey(report.workspace, report.lane),
    startedAt: report.verdict.startedAt,
    locations: [{ where: file, name: `${metric} ${pct}%`, status: pct >= min ? 'passed' : 'failed' }],
    figures: { [`${metric} %`]: pct },
  };
  if (pct < min)
    return outcome(selector, 'failing', { ...common, reason: `${metric} coverage ${pct}% is below ${min}%` });
  const measured = [`${report.workspace}/src`, ...(lookup.sources ?? [])];
  const fresh = freshnessOf(lookup.root, measured, report.verdict.startedAt);
  if (fresh.stale) return outcome(selector, 'stale', { ...common, reason: fresh.reason });
  return outcome(selector, 'covered', common);
}
