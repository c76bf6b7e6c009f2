import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../bin/sy-lane.ts');

/** Runs sy-lane in a scratch package whose "runner" writes the given results.json. */
function runLane(results: object | null, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sy-lane-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch' }));
  const writer = join(dir, 'writer.mjs');
  writeFileSync(
    writer,
    results === null
      ? 'process.exit(0);\n'
      : `import { writeFileSync } from 'node:fs';\nwriteFileSync(process.env.SY_REPORTS_DIR + '/results.json', ${JSON.stringify(JSON.stringify(results))});\n`,
  );
  // The lane under test must not inherit the calling job's lane settings.
  const { SY_REPORTS_DIR: _dir, SWITCHYARD_REQUIRE_TOOLS: _require, ...parentEnv } = process.env;
  const child = spawnSync(process.execPath, [cli, 'unit', ...extraArgs, '--', process.execPath, writer], {
    cwd: dir,
    env: { ...parentEnv, ...env },
    encoding: 'utf8',
  });
  const verdict = JSON.parse(readFileSync(join(dir, 'reports', 'unit', 'lane.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return { status: child.status, stderr: child.stderr, verdict };
}

function results(statuses: string[]) {
  return {
    numTotalTests: statuses.length,
    startTime: 0,
    testResults: [
      {
        name: 'x.test.ts',
        status: 'passed',
        assertionResults: statuses.map((status, i) => ({ title: `t${i}`, fullName: `t${i}`, status })),
      },
    ],
  };
}

describe('sy-lane gate', () => {
  it('passes a lane that executed tests', () => {
    const run = runLane(results(['passed', 'passed']));
    expect(run.status).toBe(0);
    expect(run.verdict).toMatchObject({ status: 'passed', counts: { executed: 2 } });
  });

  it('fails a lane that executed zero tests, and lists the skipped ones', () => {
    const run = runLane(results(['skipped']));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('executed zero tests');
    expect(run.stderr).toContain('skipped: x.test.ts > t0 (skipped)');
    expect(run.verdict).toMatchObject({ status: 'failed' });
  });

  it('fails a lane whose runner wrote no results', () => {
    const run = runLane(null);
    expect(run.status).toBe(1);
    expect(run.verdict).toMatchObject({ status: 'failed' });
  });

  it('fails a lane with a failed test even if the runner exited 0', () => {
    const run = runLane(results(['passed', 'failed']));
    expect(run.status).toBe(1);
  });

  it('reports a lane whose tool is missing as not run, with the install command', () => {
    const run = runLane(results(['passed']), ['--needs', 'k6'], { K6_BIN: '' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/not run: k6 not installed .* Install: go install go\.k6\.io\/k6\/v2@/);
    expect(run.verdict).toMatchObject({ status: 'not-run' });
  });

  it('fails a missing tool when the run requires real tools', () => {
    const run = runLane(results(['passed']), ['--needs', 'k6'], {
      K6_BIN: '',
      SWITCHYARD_REQUIRE_TOOLS: '1',
    });
    expect(run.status).toBe(1);
    expect(run.verdict).toMatchObject({ status: 'not-run' });
  });
});
