import type { AssertionResult } from '@switchyard/testkit/results';
import { laneIsDefined, laneKey, type LaneReport } from './lane-report.ts';
import { outcome, vacuous, type Evaluation, type EvidenceLocation } from './outcome.ts';
import { freshnessOf, subjectOf } from './staleness.ts';
import { workspaceRelative } from './test-paths.ts';

export interface LaneLookup {
  readonly root: string;
  readonly lanes: ReadonlyMap<string, LaneReport>;
  /**
   * The source the item being judged proves (its catalog `sources`: files or folders, repo-relative): evidence
   * older than any file there is stale, as it is when its test file or the module the test is named after
   * changed after the run.
   */
  readonly sources?: readonly string[];
}

/** A matched assertion with its workspace-relative file. */
export interface MatchedTest {
  readonly file: string;
  readonly assertion: AssertionResult;
}

/**
 * The lane behind a selector, or the outcome that explains why there is no usable evidence:
 * not run (tool missing, or a defined lane that has not been executed here), remaining (the
 * lane does not exist yet) or failing (the lane failed before writing results).
 */
export function resolveLane(
  lookup: LaneLookup,
  selector: string,
  workspace: string,
  lane: string,
):
  | { readonly report: LaneReport; readonly results: NonNullable<LaneReport['results']> }
  | { readonly evaluation: Evaluation } {
  const key = laneKey(workspace, lane);
  const report = lookup.lanes.get(key);
  if (report === undefined) {
    if (laneIsDefined(lookup.root, workspace, lane)) {
      return {
        evaluation: outcome(selector, 'not-run', {
          lane: key,
          reason: `lane ${lane} of ${workspace} was not executed in this run (no current ${workspace}/reports/${lane}/lane.json)`,
        }),
      };
    }
    return {
      evaluation: outcome(selector, 'remaining', {
        lane: key,
        reason: `${workspace} has no ${lane} lane yet`,
      }),
    };
  }
  const { verdict } = report;
  if (verdict.status === 'not-run') {
    return {
      evaluation: outcome(selector, 'not-run', {
        lane: key,
        startedAt: verdict.startedAt,
        reason: verdict.reason ?? 'the lane reported not run',
        ...(verdict.install === undefined ? {} : { install: verdict.install }),
      }),
    };
  }
  if (report.results === undefined) {
    return {
      evaluation: outcome(selector, 'failing', {
        lane: key,
        startedAt: verdict.startedAt,
        reason: verdict.reason ?? `lane ${key} failed and wrote no results.json`,
      }),
    };
  }
  return { report, results: report.results };
}

/** Every assertion of a lane report that passes the filter, with its workspace-relative file. */
export function matchTests(
  root: string,
  report: LaneReport,
  results: NonNullable<LaneReport['results']>,
  keep: (file: string, assertion: AssertionResult) => boolean,
): MatchedTest[] {
  const matched: MatchedTest[] = [];
  for (const fileResult of results.testResults) {
    const file = workspaceRelative(root, report.workspace, fileResult.name);
    for (const assertion of fileResult.assertionResults)
      if (keep(file, assertion)) matched.push({ file, assertion });
  }
  return matched;
}

function location(workspace: string, test: MatchedTest): EvidenceLocation {
  const line = test.assertion.location?.line;
  return {
    where: `${workspace}/${test.file}${line === undefined ? '' : `:${line}`}`,
    name: test.assertion.fullName,
    status: test.assertion.status,
  };
}

function numericFigures(tests: readonly MatchedTest[]): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const { assertion } of tests) {
    for (const [key, value] of Object.entries(assertion.meta ?? {}))
      if (typeof value === 'number') figures[key] = value;
  }
  return figures;
}

/**
 * The state of matched tests: none matched is vacuous (an error); any failure is failing; only
 * skipped tests is not run; passing evidence is stale when a file it exercised changed after the run.
 */
export function judgeMatches(
  lookup: LaneLookup,
  selector: string,
  report: LaneReport,
  matched: readonly MatchedTest[],
): Evaluation {
  const key = laneKey(report.workspace, report.lane);
  if (matched.length === 0) {
    return vacuous(selector, `matches no test in ${report.workspace}/reports/${report.lane}/results.json`);
  }
  const common = {
    lane: key,
    startedAt: report.verdict.startedAt,
    locations: matched.map((test) => location(report.workspace, test)),
    figures: numericFigures(matched),
  };
  const failed = matched.filter((test) => test.assertion.status === 'failed');
  if (failed.length > 0) {
    const first = failed[0]?.assertion.failureMessages[0]?.split('\n')[0] ?? 'failed';
    return outcome(selector, 'failing', {
      ...common,
      reason: `${failed.length} of ${matched.length} failed: ${first}`,
    });
  }
  if (!matched.some((test) => test.assertion.status === 'passed')) {
    return outcome(selector, 'not-run', {
      ...common,
      reason: `all ${matched.length} selected tests were skipped`,
    });
  }
  const exercised = new Set<string>();
  for (const file of new Set(matched.map((test) => `${report.workspace}/${test.file}`))) {
    exercised.add(file);
    const subject = subjectOf(lookup.root, file);
    if (subject !== undefined) exercised.add(subject);
  }
  const fresh = freshnessOf(lookup.root, [...exercised, ...(lookup.sources ?? [])], report.verdict.startedAt);
  if (fresh.stale) return outcome(selector, 'stale', { ...common, reason: fresh.reason });
  return outcome(selector, 'covered', common);
}
