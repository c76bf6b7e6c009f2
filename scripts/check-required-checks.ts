/**
 * Every check named in .github/required-checks.txt must be a job (by `name:` or id) in a workflow,
 * and the gate job must need every other job of its workflow and run always — otherwise a lane could
 * be skipped or removed without the single required check noticing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './lib.ts';

interface WorkflowJob {
  readonly name?: string;
  readonly needs?: string | readonly string[];
  readonly if?: string;
}
interface Workflow {
  readonly jobs?: Readonly<Record<string, WorkflowJob>>;
}

const workflowsDir = join(repoRoot, '.github', 'workflows');
const required = readFileSync(join(repoRoot, '.github', 'required-checks.txt'), 'utf8')
  .split('\n')
  .map((line) => line.replace(/#.*/, '').trim())
  .filter((line) => line !== '');

const problems: string[] = [];
const jobsByCheckName = new Map<string, { file: string; id: string; job: WorkflowJob; all: string[] }>();
for (const file of readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f))) {
  const workflow = parse(readFileSync(join(workflowsDir, file), 'utf8')) as Workflow;
  const ids = Object.keys(workflow.jobs ?? {});
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    jobsByCheckName.set(job.name ?? id, { file, id, job, all: ids });
  }
}

if (required.length === 0) problems.push('.github/required-checks.txt names no check');
for (const check of required) {
  const found = jobsByCheckName.get(check);
  if (found === undefined) {
    problems.push(`required check "${check}" is not the name of any job in .github/workflows`);
    continue;
  }
  const needs = typeof found.job.needs === 'string' ? [found.job.needs] : [...(found.job.needs ?? [])];
  const missing = found.all.filter((id) => id !== found.id && !needs.includes(id));
  if (missing.length > 0)
    problems.push(`gate "${check}" (${found.file}) does not need: ${missing.join(', ')}`);
  if (!(found.job.if ?? '').includes('always()'))
    problems.push(`gate "${check}" (${found.file}) must run with if: always()`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`check:required-checks: ${problem}`);
  process.exit(1);
}
console.log(
  `check:required-checks: ${required.length} required check(s) exist and gate every job: ${required.join(', ')}`,
);
