import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface WorkflowStep {
  readonly run?: string;
}
interface WorkflowJob {
  readonly name?: string;
  readonly needs?: string | readonly string[];
  readonly steps?: readonly WorkflowStep[];
}
interface Workflow {
  readonly jobs?: Readonly<Record<string, WorkflowJob>>;
}

const WORKFLOWS_DIR = '.github/workflows';
const REQUIRED_CHECKS = '.github/required-checks.txt';
export const CHEAPEST_SMOKE_COMMAND = 'pnpm test:provider-smoke-matrix:cheapest';

function requiredChecks(root: string): string[] {
  const path = join(root, REQUIRED_CHECKS);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

/**
 * A CI job runs the cheapest-provider smoke matrix, and a required check gates on it — so the matrix cannot
 * fail (or vanish from the workflow) without blocking a merge.
 */
export function checkCheapestSmokeJob(root: string): string[] {
  const dir = join(root, WORKFLOWS_DIR);
  if (!existsSync(dir)) return [`${WORKFLOWS_DIR} is missing`];
  const required = new Set(requiredChecks(root));
  if (required.size === 0) return [`${REQUIRED_CHECKS} names no required check`];
  const findings: string[] = [];
  let runners = 0;
  for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
    const jobs = Object.entries(
      (parse(readFileSync(join(dir, file), 'utf8')) as Workflow | null)?.jobs ?? {},
    );
    const running = jobs
      .filter(([, job]) => (job.steps ?? []).some((step) => step.run?.includes(CHEAPEST_SMOKE_COMMAND)))
      .map(([id]) => id);
    runners += running.length;
    for (const [id, job] of jobs) {
      if (!required.has(job.name ?? id)) continue;
      const needs = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []);
      for (const runner of running.filter((runnerId) => !needs.includes(runnerId)))
        findings.push(
          `${WORKFLOWS_DIR}/${file}: required check "${job.name ?? id}" does not need job ${runner}`,
        );
    }
  }
  if (runners === 0) findings.push(`${WORKFLOWS_DIR}: no job runs \`${CHEAPEST_SMOKE_COMMAND}\``);
  return findings;
}
