/**
 * The two quality jobs.
 *   quick: fmt:check + lint:changed + typecheck + unit, smoke, contract and e2e tests (the e2e suite is
 *          seconds long, so all of it is the fast part), then the gap report.
 *   ci:    everything — build, full lint (with actionlint), all lanes including e2e, the real agent CLIs
 *          (clients), chaos and perf with the real binaries — then the gap report.
 * The gap report is written even when a step failed, so it shows what failed; the exit status is
 * non-zero when any step failed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANES, type Mode } from './lanes.ts';
import { localBin, repoRoot, run } from './lib.ts';

interface Step {
  readonly title: string;
  readonly args: readonly string[];
}

const STEPS: Readonly<Record<Mode, readonly Step[]>> = {
  quick: [
    {
      title: 'static checks and fast lanes',
      args: [
        'run',
        'typecheck',
        'test',
        'test:smoke',
        'test:contracts',
        'test:e2e',
        '//#fmt:check',
        '//#lint:changed',
        '--continue',
      ],
    },
  ],
  ci: [
    {
      title: 'build, static checks and fast lanes',
      args: [
        'run',
        'build',
        'typecheck',
        'lint',
        'test',
        'test:smoke',
        'test:contracts',
        '//#fmt:check',
        '//#lint:root',
        '//#lint:workflows',
        '//#check:required-checks',
        '--continue',
      ],
    },
    // Live lanes own processes, ports and timings (the attack lane measures /healthz latency and RSS under its
    // load): one at a time on a 2-core machine.
    {
      title: 'live lanes (security, e2e, clients, chaos, perf)',
      args: [
        'run',
        'test:security',
        'test:e2e',
        'test:clients',
        'test:chaos',
        'test:perf',
        '--concurrency=1',
        '--continue',
      ],
    },
  ],
};

const mode = process.argv[2];
if (mode !== 'quick' && mode !== 'ci') {
  console.error('usage: node scripts/quality.ts quick|ci');
  process.exit(2);
}
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  ...(mode === 'ci' ? { SWITCHYARD_REQUIRE_TOOLS: '1' } : {}),
};
const started = Date.now();
const failures: string[] = [];
for (const step of STEPS[mode]) {
  const stepStarted = Date.now();
  console.log(`\n[quality:${mode}] ${step.title}: turbo ${step.args.join(' ')}`);
  const status = run(localBin('turbo'), [...step.args, '--log-order=grouped'], env);
  console.log(
    `[quality:${mode}] ${step.title}: exit ${status} in ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`,
  );
  if (status !== 0) failures.push(step.title);
}
console.log(`\n[quality:${mode}] gap report`);
const reportArgs = ['run', 'report:gaps', '--output-logs=full', '--', '--lanes', LANES[mode].join(',')];
if (run(localBin('turbo'), reportArgs, env) !== 0) failures.push('gap report');
if (mode === 'ci') {
  console.log(`\n[quality:${mode}] gap report screenshot (reports/gaps/index.png)`);
  if (run(process.execPath, ['harness/gap-report/src/screenshot.ts'], env) !== 0)
    failures.push('gap report screenshot');
  console.log(`\n[quality:${mode}] docs lane (quality:release-lint)`);
  if (run(process.execPath, ['harness/gap-report/src/release-lint.ts'], env) !== 0)
    failures.push('release-lint');
  console.log(`\n[quality:${mode}] release gate (quality:release)`);
  const releaseArgs = ['harness/gap-report/src/cli.ts', '--release', '--lanes', LANES[mode].join(',')];
  if (run(process.execPath, releaseArgs, env) !== 0) failures.push('release gate');
}

/** Sums the counts of every lane verdict this job wrote (reports/<lane>/lane.json in each workspace). */
function laneTotals(lanes: readonly string[]): { passed: number; failed: number; skipped: number } {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const workspaces = ['packages', 'harness'].flatMap((group) =>
    readdirSync(join(repoRoot, group)).map((name) => join(group, name)),
  );
  for (const workspace of [...workspaces, 'chaos', 'perf']) {
    for (const lane of lanes) {
      const file = join(repoRoot, workspace, 'reports', lane, 'lane.json');
      if (!existsSync(file)) continue;
      const verdict = JSON.parse(readFileSync(file, 'utf8')) as {
        counts?: { passed: number; failed: number; skipped: readonly string[] };
      };
      totals.passed += verdict.counts?.passed ?? 0;
      totals.failed += verdict.counts?.failed ?? 0;
      totals.skipped += verdict.counts?.skipped.length ?? 0;
    }
  }
  return totals;
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const totals = laneTotals(LANES[mode]);
if (failures.length > 0) {
  console.error(
    `\n[quality:${mode}] FAILED in ${seconds} s: ${failures.join('; ')}. See reports/gaps/latest.md.`,
  );
} else {
  console.log(`\n[quality:${mode}] passed in ${seconds} s. Gap report: reports/gaps/latest.md`);
}
// One plain closing line that any CI reader understands, summed over every lane's verdict.
console.log(`quality: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
