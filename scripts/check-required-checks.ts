/**
 * Every check named in .github/required-checks.txt must be a job (by `name:` or id) in a workflow, and that gate
 * job must enforce the gap report on GitHub (harness/gap-report/src/ci-gate.ts): it needs every other job and runs
 * always — otherwise a lane could be skipped or removed without the single required check noticing — every lane
 * job hands it its reports/ folders, and after them it runs the gap report, quality:release-lint and the release
 * gate with the lanes quality:ci runs, and uploads the report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { gateProblems, type Workflow } from '../harness/gap-report/src/ci-gate.ts';
import { LANES } from './lanes.ts';
import { repoRoot } from './lib.ts';

const workflowsDir = join(repoRoot, '.github', 'workflows');
const required = readFileSync(join(repoRoot, '.github', 'required-checks.txt'), 'utf8')
  .split('\n')
  .map((line) => line.replace(/#.*/, '').trim())
  .filter((line) => line !== '');

const problems: string[] = [];
const jobsByCheckName = new Map<string, { file: string; id: string; workflow: Workflow }>();
for (const file of readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f))) {
  const workflow = parse(readFileSync(join(workflowsDir, file), 'utf8')) as Workflow;
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    jobsByCheckName.set(job.name ?? id, { file, id, workflow });
  }
}

if (required.length === 0) problems.push('.github/required-checks.txt names no check');
for (const check of required) {
  const found = jobsByCheckName.get(check);
  if (found === undefined) {
    problems.push(`required check "${check}" is not the name of any job in .github/workflows`);
    continue;
  }
  problems.push(...gateProblems(found.workflow, found.id, LANES.ci, `gate "${check}" (${found.file})`));
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`check:required-checks: ${problem}`);
  process.exit(1);
}
console.log(
  `check:required-checks: ${required.length} required check(s) exist, gate every job and enforce the gap report (report, release-lint, release gate on lanes ${LANES.ci.join(',')}): ${required.join(', ')}`,
);
