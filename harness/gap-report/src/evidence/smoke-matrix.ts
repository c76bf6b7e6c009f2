import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LaneLookup } from './lane-evidence.ts';
import { laneKey, type LaneReport } from './lane-report.ts';
import { outcome, vacuous, type Evaluation } from './outcome.ts';
import { freshnessOf } from './staleness.ts';

/** The provider smoke matrix written by harness/contracts: one case per provider (and auth mode). */
const smokeMatrixSchema = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['passed', 'failed', 'skipped', 'not-run']),
      reason: z.string().optional(),
    }),
  ),
});

/** The matrix runner's own code: a change to how cases are judged makes old verdicts stale too. */
const RUNNER = 'harness/contracts/src/smoke-matrix';

/**
 * One case of the matrix a lane wrote into its report folder. The lane was resolved first, so a lane that did
 * not run in this job (`--lanes`), reported not run, or failed is judged as such before its file is read; a case
 * that passed is stale when the runner or the item's sources changed after the lane started.
 */
export function evaluateSmokeCase(
  lookup: LaneLookup,
  selector: string,
  report: LaneReport,
  matrix: string,
  caseId: string,
): Evaluation {
  const file = `${report.workspace}/reports/${report.lane}/smoke-matrix/${matrix}.json`;
  const path = join(report.dir, 'smoke-matrix', `${matrix}.json`);
  const common = { lane: laneKey(report.workspace, report.lane), startedAt: report.verdict.startedAt };
  if (!existsSync(path)) {
    if (report.verdict.status === 'failed') {
      return outcome(selector, 'failing', { ...common, reason: `the lane failed and wrote no ${file}` });
    }
    return vacuous(selector, `the lane ran but wrote no ${file}`);
  }
  const parsed = smokeMatrixSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) return vacuous(selector, `${file} is not a smoke matrix ({cases: [{id, status}]})`);
  const found = parsed.data.cases.find((entry) => entry.id === caseId);
  if (found === undefined) return vacuous(selector, `${file} has no case ${caseId}`);
  const located = { ...common, locations: [{ where: file, name: found.id, status: found.status }] };
  if (found.status === 'failed')
    return outcome(selector, 'failing', { ...located, reason: found.reason ?? 'case failed' });
  if (found.status !== 'passed')
    return outcome(selector, 'not-run', { ...located, reason: found.reason ?? `case ${found.status}` });
  const fresh = freshnessOf(lookup.root, [RUNNER, ...(lookup.sources ?? [])], report.verdict.startedAt);
  if (fresh.stale) return outcome(selector, 'stale', { ...located, reason: fresh.reason });
  return outcome(selector, 'covered', located);
}
