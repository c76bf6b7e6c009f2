/**
 * What the GitHub workflow's required gate job must do so the gap report is enforced on GitHub, not only in the
 * local `quality:ci` (used by scripts/check-required-checks.ts, which runs in the static lane and in quality:ci).
 *
 * A gate job passes when it:
 *   - needs every other job of its workflow and runs with `if: always()`;
 *   - is handed every lane's evidence: each job that runs a test lane uploads its lane report folders (the
 *     LANE_REPORT_PATHS, with `if: always()` so a failed lane still hands over what it wrote) as a `reports-*`
 *     artifact, and the gate downloads them all (`pattern: reports-*`, `merge-multiple: true`) into the checkout;
 *   - after that download runs the gap report with `--lanes <the lanes quality:ci runs>`, `quality:release-lint`
 *     and the release gate (`--release` with the same lanes), each with `if: always()` (a failed lane still gets
 *     its report, and no condition can quietly turn the steps off);
 *   - uploads reports/gaps (latest.md, gaps.json, index.html) as an artifact with `if: always()`;
 *   - fails unless every lane job succeeded (a step reading `needs.*.result`).
 */

export interface WorkflowStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, unknown>>;
}
export interface WorkflowJob {
  readonly name?: string;
  readonly needs?: string | readonly string[];
  readonly if?: string;
  readonly steps?: readonly WorkflowStep[];
}
export interface Workflow {
  readonly jobs?: Readonly<Record<string, WorkflowJob>>;
}

/**
 * Every folder a lane writes its evidence to (reports/<lane>/ under a workspace). Uploading these four patterns
 * together keeps the artifact rooted at the checkout (their least common ancestor), so the gate's download puts
 * each file back where the gap report looks for it.
 */
export const LANE_REPORT_PATHS = [
  'packages/*/reports/',
  'harness/*/reports/',
  'chaos/reports/',
  'perf/reports/',
];
/** The gap report's own output, uploaded by the gate. */
export const GAP_REPORT_FILES = [
  'reports/gaps/latest.md',
  'reports/gaps/gaps.json',
  'reports/gaps/index.html',
];
export const LANE_ARTIFACT_PREFIX = 'reports-';
/** The report's run history (its trend charts), carried between CI runs by the gate. */
export const HISTORY_FILE = 'reports/gaps/history.jsonl';

const LANE_COMMAND = /(?:^|[\s'"])test(?::[\w:-]+)?(?=$|[\s'"])/m;
const REPORT_COMMAND = /(?:harness\/gap-report\/src\/cli\.ts|report:gaps)/;
const RELEASE_COMMAND = /(?:harness\/gap-report\/src\/cli\.ts[^\n]*--release|quality:release(?!-))/;
const RELEASE_LINT_COMMAND = /(?:harness\/gap-report\/src\/release-lint\.ts|quality:release-lint)/;

function usesAction(step: WorkflowStep, action: string): boolean {
  return step.uses?.split('@')[0] === action;
}
function runsAlways(step: WorkflowStep): boolean {
  return (step.if ?? '').includes('always()');
}
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : [];
}
function lanesOf(command: string): string[] | undefined {
  const match = /--lanes[ =]([\w,:-]+)/.exec(command);
  return match?.[1]?.split(',').filter(Boolean);
}
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}
function describe(step: WorkflowStep, index: number): string {
  return `step ${index + 1}${step.name === undefined ? '' : ` ("${step.name}")`}`;
}

/** True when a job runs a test lane (turbo `test`/`test:*`, or a root `test:*` script). */
export function runsLane(job: WorkflowJob): boolean {
  return (job.steps ?? []).some((step) => step.run !== undefined && LANE_COMMAND.test(step.run));
}

/**
 * Problems with the gate job `gateId` of `workflow` (empty = the gate enforces the report).
 * `lanes` are the lanes quality:ci runs: the report and the release gate must be told exactly these.
 */
export function gateProblems(
  workflow: Workflow,
  gateId: string,
  lanes: readonly string[],
  label = `gate "${gateId}"`,
): string[] {
  const problems: string[] = [];
  const jobs = workflow.jobs ?? {};
  const gate = jobs[gateId];
  if (gate === undefined) return [`${label}: no job ${gateId}`];
  const needs = typeof gate.needs === 'string' ? [gate.needs] : [...(gate.needs ?? [])];
  const others = Object.keys(jobs).filter((id) => id !== gateId);
  const missing = others.filter((id) => !needs.includes(id));
  if (missing.length > 0) problems.push(`${label} does not need: ${missing.join(', ')}`);
  if (!(gate.if ?? '').includes('always()')) problems.push(`${label} must run with if: always()`);

  // Every lane job hands its evidence over.
  const uploadedNames: string[] = [];
  for (const id of others) {
    const job = jobs[id];
    if (job === undefined || !runsLane(job)) continue;
    const upload = (job.steps ?? []).find(
      (step) =>
        usesAction(step, 'actions/upload-artifact') &&
        text(step.with?.['name']).startsWith(LANE_ARTIFACT_PREFIX),
    );
    if (upload === undefined) {
      problems.push(
        `lane job "${id}" runs a test lane but uploads no ${LANE_ARTIFACT_PREFIX}* artifact for the gate`,
      );
      continue;
    }
    uploadedNames.push(text(upload.with?.['name']));
    if (!runsAlways(upload))
      problems.push(`lane job "${id}": the evidence upload must run with if: always() (a failed lane's too)`);
    const paths = lines(upload.with?.['path']);
    const absent = LANE_REPORT_PATHS.filter((path) => !paths.includes(path));
    if (absent.length > 0)
      problems.push(`lane job "${id}": the evidence upload's path must list ${absent.join(', ')}`);
  }
  const duplicates = uploadedNames.filter((name, at) => uploadedNames.indexOf(name) !== at);
  if (duplicates.length > 0)
    problems.push(`lane artifacts share a name: ${[...new Set(duplicates)].join(', ')}`);

  // The gate takes the evidence, then builds and enforces the report from it.
  const steps = gate.steps ?? [];
  const download = steps.findIndex((step) => usesAction(step, 'actions/download-artifact'));
  const downloadStep = steps[download];
  if (downloadStep === undefined) {
    problems.push(`${label} downloads no lane evidence (actions/download-artifact)`);
  } else {
    if (downloadStep.with?.['pattern'] !== `${LANE_ARTIFACT_PREFIX}*`)
      problems.push(`${label}: the evidence download must use pattern: ${LANE_ARTIFACT_PREFIX}*`);
    if (downloadStep.with?.['merge-multiple'] !== true)
      problems.push(`${label}: the evidence download must use merge-multiple: true`);
    const into = downloadStep.with?.['path'];
    if (into !== undefined && into !== '.')
      problems.push(`${label}: the evidence download must land in the checkout (path: .)`);
  }

  const runAt = (pattern: RegExp, exclude?: RegExp): number =>
    steps.findIndex((step) => step.run !== undefined && pattern.test(step.run) && !exclude?.test(step.run));
  const checkRunStep = (what: string, at: number, wantLanes: boolean, always: boolean): void => {
    const step = steps[at];
    if (step === undefined) {
      problems.push(`${label} does not run ${what}`);
      return;
    }
    if (download !== -1 && at < download)
      problems.push(`${label}: ${describe(step, at)} runs ${what} before the lane evidence is downloaded`);
    if (always && !runsAlways(step))
      problems.push(`${label}: ${describe(step, at)} (${what}) must run with if: always()`);
    if (wantLanes) {
      const given = lanesOf(step.run ?? '');
      if (given === undefined || !sameSet(given, lanes))
        problems.push(
          `${label}: ${describe(step, at)} must run ${what} with --lanes ${lanes.join(',')} (has ${given?.join(',') ?? 'none'})`,
        );
    }
  };
  checkRunStep('the gap report', runAt(REPORT_COMMAND, /--release|release-lint/), true, true);
  checkRunStep('quality:release-lint', runAt(RELEASE_LINT_COMMAND), false, true);
  checkRunStep('the release gate', runAt(RELEASE_COMMAND), true, true);

  const report = steps.findIndex((step) => step.run !== undefined && REPORT_COMMAND.test(step.run));
  const upload = steps.findIndex(
    (step, at) =>
      at > report &&
      usesAction(step, 'actions/upload-artifact') &&
      GAP_REPORT_FILES.every((file) => lines(step.with?.['path']).includes(file)),
  );
  const uploadStep = steps[upload];
  if (uploadStep === undefined)
    problems.push(
      `${label} does not upload the gap report (${GAP_REPORT_FILES.join(', ')}) after writing it`,
    );
  else if (!runsAlways(uploadStep))
    problems.push(`${label}: the gap report upload must run with if: always()`);

  // The trend charts need the earlier runs' history, which a fresh checkout lacks.
  const restore = steps.findIndex(
    (step) => usesAction(step, 'actions/cache/restore') && text(step.with?.['path']) === HISTORY_FILE,
  );
  const save = steps.findIndex(
    (step) => usesAction(step, 'actions/cache/save') && text(step.with?.['path']) === HISTORY_FILE,
  );
  if (restore === -1 || (report !== -1 && restore > report))
    problems.push(`${label} does not restore ${HISTORY_FILE} (actions/cache/restore) before the gap report`);
  if (save === -1 || save < report || !runsAlways(steps[save] ?? {}))
    problems.push(
      `${label} does not save ${HISTORY_FILE} (actions/cache/save, if: always()) after the gap report`,
    );

  if (!steps.some((step) => JSON.stringify(step.env ?? {}).includes('needs.*.result')))
    problems.push(`${label} does not fail on a lane's result (no step reads needs.*.result)`);
  return problems;
}
