import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gateProblems, runsLane, type Workflow, type WorkflowJob, type WorkflowStep } from './ci-gate.ts';

const WORKFLOW = join(import.meta.dirname, '..', '..', '..', '.github', 'workflows', 'quality.yml');
const CI_LANES = ['unit', 'smoke', 'contracts', 'security', 'e2e', 'clients', 'chaos', 'perf'];

function realWorkflow(): Workflow {
  return parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
}

/** The real workflow with one job's steps rewritten. */
function withSteps(id: string, edit: (steps: WorkflowStep[]) => WorkflowStep[]): Workflow {
  const workflow = realWorkflow();
  const jobs = { ...workflow.jobs } as Record<string, WorkflowJob>;
  const job = jobs[id];
  if (job === undefined) throw new Error(`no job ${id}`);
  jobs[id] = { ...job, steps: edit([...(job.steps ?? [])]) };
  return { jobs };
}

const isRun = (pattern: RegExp) => (step: WorkflowStep) => pattern.test(step.run ?? '');

describe('the CI gate enforces the gap report', () => {
  it('accepts the real quality.yml: every lane job hands over its reports and the gate builds and enforces the report', () => {
    const workflow = realWorkflow();
    expect(gateProblems(workflow, 'gate', CI_LANES)).toEqual([]);
    const laneJobs = Object.entries(workflow.jobs ?? {}).filter(([, job]) => runsLane(job));
    expect(laneJobs.map(([id]) => id).sort()).toEqual(
      ['chaos', 'clients', 'contracts', 'e2e', 'perf', 'provider-smoke', 'security', 'unit'].sort(),
    );
  });

  it.each([
    ['the gap report', /cli\.ts --lanes/],
    ['quality:release-lint', /release-lint/],
    ['the release gate', /--release/],
  ])('fails when the gate stops running %s', (what, pattern) => {
    const problems = gateProblems(
      withSteps('gate', (steps) => steps.filter((step) => !isRun(pattern)(step))),
      'gate',
      CI_LANES,
    );
    expect(problems).toContain(`gate "gate" does not run ${what}`);
  });

  it.each([
    ['actions/cache/restore', 'restore', 'before the gap report'],
    ['actions/cache/save', 'save', 'after the gap report'],
  ])('fails when the gate stops carrying the report history over (%s)', (action, verb, when) => {
    const problems = gateProblems(
      withSteps('gate', (steps) => steps.filter((step) => step.uses?.split('@')[0] !== action)),
      'gate',
      CI_LANES,
    );
    expect(problems).toContain(
      `gate "gate" does not ${verb} reports/gaps/history.jsonl (${action}${verb === 'save' ? ', if: always()' : ''}) ${when}`,
    );
  });

  it('fails when a report step is turned off by a condition', () => {
    const problems = gateProblems(
      withSteps('gate', (steps) =>
        steps.map((step) => (isRun(/--release/)(step) ? { ...step, if: 'false' } : step)),
      ),
      'gate',
      CI_LANES,
    );
    expect(problems.some((problem) => /the release gate\) must run with if: always\(\)/.test(problem))).toBe(
      true,
    );
  });

  it('fails when the report runs on other lanes than quality:ci', () => {
    const problems = gateProblems(
      withSteps('gate', (steps) =>
        steps.map((step) =>
          isRun(/cli\.ts --lanes/)(step)
            ? { ...step, run: 'node harness/gap-report/src/cli.ts --lanes unit' }
            : step,
        ),
      ),
      'gate',
      CI_LANES,
    );
    expect(problems.some((problem) => /the gap report with --lanes .* \(has unit\)/.test(problem))).toBe(
      true,
    );
  });

  it('fails when the gate reports before taking the lanes’ evidence, or never takes it', () => {
    const reordered = gateProblems(
      withSteps('gate', (steps) => {
        const download = steps.filter((step) => step.uses?.startsWith('actions/download-artifact') === true);
        return [...steps.filter((step) => !download.includes(step)), ...download];
      }),
      'gate',
      CI_LANES,
    );
    expect(
      reordered.some((problem) => /runs the gap report before the lane evidence is downloaded/.test(problem)),
    ).toBe(true);
    const none = gateProblems(
      withSteps('gate', (steps) =>
        steps.filter((step) => step.uses?.startsWith('actions/download-artifact') !== true),
      ),
      'gate',
      CI_LANES,
    );
    expect(none).toContain('gate "gate" downloads no lane evidence (actions/download-artifact)');
  });

  it('fails when a lane job stops handing over its reports', () => {
    const problems = gateProblems(
      withSteps('chaos', (steps) =>
        steps.filter((step) => step.uses?.startsWith('actions/upload-artifact') !== true),
      ),
      'gate',
      CI_LANES,
    );
    expect(problems).toContain(
      'lane job "chaos" runs a test lane but uploads no reports-* artifact for the gate',
    );
  });

  it('fails when the report is not uploaded with its md, json and html', () => {
    const problems = gateProblems(
      withSteps('gate', (steps) =>
        steps.map((step) =>
          step.with?.['name'] === 'gap-report'
            ? { ...step, with: { ...step.with, path: 'reports/gaps/latest.md\nreports/gaps/gaps.json' } }
            : step,
        ),
      ),
      'gate',
      CI_LANES,
    );
    expect(problems.some((problem) => /does not upload the gap report/.test(problem))).toBe(true);
  });

  it('fails when the gate no longer needs a lane or no longer fails on a lane result', () => {
    const workflow = realWorkflow();
    const jobs = { ...workflow.jobs } as Record<string, WorkflowJob>;
    const gate = jobs['gate'];
    if (gate === undefined) throw new Error('no gate');
    jobs['gate'] = {
      ...gate,
      needs: ['static', 'unit'],
      steps: (gate.steps ?? []).filter((step) => step.env === undefined),
    };
    const problems = gateProblems({ jobs }, 'gate', CI_LANES);
    expect(problems.some((problem) => /does not need: contracts/.test(problem))).toBe(true);
    expect(problems).toContain(
      'gate "gate" does not fail on a lane\'s result (no step reads needs.*.result)',
    );
  });
});
