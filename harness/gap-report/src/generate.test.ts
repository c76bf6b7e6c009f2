import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from './generate.ts';
import { appendHistory } from './history.ts';
import type { GapReport, ItemResult } from './report-model.ts';
import { FixtureRepo, item } from './test-support/fixture-repo.ts';

const CLI = join(import.meta.dirname, 'cli.ts');

const MODEL_REF = {
  kind: 'test',
  workspace: 'packages/proxy-core',
  lane: 'unit',
  file: 'src/models/model-ref.test.ts',
  name: '^parseModelRef ',
};
const FANOUT_P95 = {
  kind: 'k6-threshold',
  scenario: 'perf:sse-fanout',
  metric: 'http_req_duration{scenario:fanout}',
  threshold: 'p(95)<1000',
};
const LATENCY = { kind: 'chaos-scenario', scenario: 'chaos:toolchain-latency' };

let repo: FixtureRepo;

/** proxy-core unit, perf and chaos lanes with real evidence, test files unchanged since before the runs. */
function standardRepo(): FixtureRepo {
  return new FixtureRepo()
    .workspace('packages/proxy-core', ['unit'])
    .workspace('perf', ['perf'])
    .workspace('chaos', ['chaos'])
    .testFile('packages/proxy-core/src/models/model-ref.test.ts')
    .testFile('packages/proxy-core/src/cli.test.ts')
    .testFile('perf/k6/sse-stream.ts')
    .testFile('chaos/src/latency.chaos.test.ts')
    .lane('proxy-core-unit', 'packages/proxy-core', 'unit')
    .lane('perf', 'perf', 'perf')
    .lane('chaos', 'chaos', 'chaos');
}

function run(items: readonly Record<string, unknown>[], now = new Date('2026-11-25T12:00:00Z')): GapReport {
  return generate({
    root: repo.root,
    catalogPath: repo.catalog(items),
    outDir: join(repo.root, 'reports', 'gaps'),
    now,
    env: {},
  });
}

function find(report: GapReport, id: string): ItemResult {
  const found = report.items.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [CLI, '--root', repo.root, '--catalog', join(repo.root, 'catalog.yaml'), ...args],
    { encoding: 'utf8' },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => {
  repo = standardRepo();
});
afterEach(() => {
  repo.remove();
});

describe('gap report generator', () => {
  it('marks passing evidence covered, with test file:line, k6 p95/p99 and coverage figures', () => {
    const report = run([
      item('unit.model-ref', [MODEL_REF]),
      item('unit.coverage', [
        { kind: 'coverage', workspace: 'packages/proxy-core', lane: 'unit', metric: 'lines', min: 90 },
      ]),
      item('perf.fanout', [FANOUT_P95]),
      item('chaos.latency', [LATENCY]),
    ]);
    expect(report.errors).toEqual([]);
    expect(report.items.map((entry) => entry.state)).toEqual(['covered', 'covered', 'covered', 'covered']);
    const modelRef = find(report, 'unit.model-ref').evidence[0];
    expect(modelRef?.locations.map((location) => location.where)).toContain(
      'packages/proxy-core/src/models/model-ref.test.ts:16',
    );
    expect(modelRef?.locations).toHaveLength(15);
    expect(find(report, 'perf.fanout').evidence[0]?.figures).toMatchObject({
      'p(95)': 33.57119915,
      'p(99)': 34.9255511,
    });
    expect(find(report, 'unit.coverage').evidence[0]?.figures).toEqual({ 'lines %': 97.05 });
    expect(find(report, 'chaos.latency').evidence[0]?.locations.map((location) => location.where)).toEqual([
      'chaos/src/latency.chaos.test.ts:47',
      'chaos/src/latency.chaos.test.ts:52',
    ]);
  });

  it('marks an item failing when one selected test failed, and a coverage figure below its minimum', () => {
    repo.editJson('packages/proxy-core/reports/unit/results.json', (results) => {
      const files = results['testResults'] as {
        assertionResults: { status: string; failureMessages: string[] }[];
      }[];
      const first = files[1]?.assertionResults[0];
      if (first === undefined) throw new Error('fixture changed');
      first.status = 'failed';
      first.failureMessages = ['AssertionError: expected mock-small to parse'];
    });
    const report = run([
      item('unit.model-ref', [MODEL_REF]),
      item('unit.coverage', [
        { kind: 'coverage', workspace: 'packages/proxy-core', lane: 'unit', metric: 'branches', min: 95 },
      ]),
    ]);
    expect(find(report, 'unit.model-ref')).toMatchObject({
      state: 'failing',
      reason: '1 of 15 failed: AssertionError: expected mock-small to parse',
    });
    expect(find(report, 'unit.coverage')).toMatchObject({
      state: 'failing',
      reason: 'branches coverage 91.42% is below 95%',
    });
  });

  it('treats missing coverage as failing after a failed lane, and as vacuous after a passing one', () => {
    const coverage = {
      kind: 'coverage',
      workspace: 'packages/proxy-core',
      lane: 'unit',
      metric: 'lines',
      min: 90,
    };
    rmSync(join(repo.root, 'packages/proxy-core/reports/unit/coverage'), { recursive: true });
    expect(run([item('unit.coverage', [coverage])]).errors).toEqual([
      'unit.coverage: coverage packages/proxy-core lines >= 90% selects nothing: the lane passed but wrote no packages/proxy-core/reports/unit/coverage/coverage-summary.json',
    ]);
    repo.editJson('packages/proxy-core/reports/unit/lane.json', (lane) => {
      lane['status'] = 'failed';
    });
    const report = run([item('unit.coverage', [coverage])]);
    expect(report.errors).toEqual([]);
    expect(find(report, 'unit.coverage').state).toBe('failing');
  });

  it('marks a coverage figure stale when the workspace source it measures changed after the lane ran', () => {
    const coverage = {
      kind: 'coverage',
      workspace: 'packages/proxy-core',
      lane: 'unit',
      metric: 'lines',
      min: 90,
    };
    expect(find(run([item('unit.coverage', [coverage])]), 'unit.coverage').state).toBe('covered');
    repo.testFile('packages/proxy-core/src/models/model-ref.ts', new Date());
    expect(find(run([item('unit.coverage', [coverage])]), 'unit.coverage')).toMatchObject({
      state: 'stale',
      reason: expect.stringContaining('packages/proxy-core/src/models/model-ref.ts changed'),
    });
  });

  it('reports a lane whose tool was missing as not run, with the reason and the install command', () => {
    repo.remove();
    repo = new FixtureRepo().workspace('chaos', ['chaos']).lane('chaos-not-run', 'chaos', 'chaos');
    const report = run([item('chaos.latency', [LATENCY])]);
    expect(find(report, 'chaos.latency')).toMatchObject({
      state: 'not-run',
      reason: 'toxiproxy-server not installed (TOXIPROXY_SERVER_BIN unset)',
      install: 'go install github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0',
    });
  });

  it('tells a defined lane that was not executed (not run) from a lane that does not exist yet (remaining)', () => {
    repo.workspace('harness/security', ['security']);
    const report = run([
      item('unit.security', [
        { kind: 'test', workspace: 'harness/security', lane: 'security', file: 'src/a.test.ts', name: 'x' },
      ]),
      item('unit.e2e', [
        { kind: 'test', workspace: 'harness/e2e', lane: 'e2e', file: 'src/a.test.ts', name: 'x' },
      ]),
      item('unit.backlog', []),
      item('integration.smoke', [
        { kind: 'smoke-matrix', workspace: 'harness/nowhere', matrix: 'cheapest', case: 'openai' },
      ]),
    ]);
    expect(find(report, 'unit.security')).toMatchObject({
      state: 'not-run',
      reason: expect.stringContaining('was not executed'),
    });
    expect(find(report, 'unit.e2e')).toMatchObject({
      state: 'remaining',
      reason: 'harness/e2e has no e2e lane yet',
    });
    expect(find(report, 'unit.backlog').state).toBe('remaining');
    expect(find(report, 'integration.smoke').state).toBe('remaining');
    expect(report.errors).toEqual([]);
  });

  it('ignores evidence of lanes the calling job did not execute, so the report matches what ran', () => {
    const items = [item('unit.model-ref', [MODEL_REF]), item('chaos.latency', [LATENCY])];
    const all = run(items);
    expect(find(all, 'chaos.latency').state).toBe('covered');
    const quick = generate({
      root: repo.root,
      catalogPath: repo.catalog(items),
      outDir: join(repo.root, 'reports', 'gaps'),
      now: new Date('2026-11-25T12:00:00Z'),
      env: {},
      executedLanes: new Set(['unit', 'smoke', 'contracts']),
    });
    expect(find(quick, 'unit.model-ref').state).toBe('covered');
    expect(find(quick, 'chaos.latency')).toMatchObject({
      state: 'not-run',
      reason: expect.stringContaining('was not executed in this run'),
    });
  });

  it('marks evidence stale when its test file changed after the lane ran', () => {
    repo.testFile('packages/proxy-core/src/models/model-ref.test.ts', new Date('2026-11-25T08:00:00Z'));
    const stale = find(run([item('unit.model-ref', [MODEL_REF])]), 'unit.model-ref');
    expect(stale.state).toBe('stale');
    expect(stale.reason).toMatch(
      /model-ref\.test\.ts changed at 2026-11-25T08:00:00.000Z, after the lane ran at 2026-11-25T07:0/,
    );
  });

  it('marks evidence stale when the module its test is named after changed after the lane ran', () => {
    repo.testFile('packages/proxy-core/src/models/model-ref.ts', new Date('2026-11-25T08:00:00Z'));
    const stale = find(run([item('unit.model-ref', [MODEL_REF])]), 'unit.model-ref');
    expect(stale.state).toBe('stale');
    expect(stale.reason).toMatch(
      /src\/models\/model-ref\.ts changed at 2026-11-25T08:00:00.000Z, after the lane/,
    );
  });

  it('marks evidence stale when a file of the sources the item names changed; older sources keep it covered', () => {
    repo.testFile('packages/proxy-core/src/streaming/old.ts');
    const withSources = (sources: string[]) => ({
      ...item('unit.model-ref', [MODEL_REF]),
      sources,
    });
    expect(find(run([withSources(['packages/proxy-core/src/streaming'])]), 'unit.model-ref').state).toBe(
      'covered',
    );
    repo.testFile('packages/proxy-core/src/streaming/deep/new.ts', new Date('2026-11-25T08:00:00Z'));
    const stale = find(run([withSources(['packages/proxy-core/src/streaming'])]), 'unit.model-ref');
    expect(stale.state).toBe('stale');
    expect(stale.reason).toMatch(/src\/streaming\/deep\/new\.ts changed at 2026-11-25T08:00:00.000Z/);
    const gone = find(run([withSources(['packages/proxy-core/src/nowhere.ts'])]), 'unit.model-ref');
    expect(gone.reason).toMatch(/nowhere\.ts no longer exists/);
  });

  it('reads smoke-matrix cases from the lane folder: passed is covered, failed is failing, skipped is not run', () => {
    repo.workspace('harness/contracts', ['contracts']).lane('chaos', 'harness/contracts', 'contracts');
    repo.write(
      'harness/contracts/reports/contracts/smoke-matrix/cheapest.json',
      JSON.stringify({
        cases: [
          { id: 'openai', status: 'passed' },
          { id: 'qwen', status: 'failed', reason: 'HTTP 500' },
          { id: 'kimi', status: 'not-run', reason: 'not run (no key)' },
        ],
      }),
    );
    repo.testFile('harness/contracts/src/smoke-matrix/run-case.ts');
    const selector = (id: string) => ({ kind: 'smoke-matrix', matrix: 'cheapest', case: id });
    const items = [
      item('integration.openai', [selector('openai')]),
      item('integration.qwen', [selector('qwen')]),
      item('integration.kimi', [selector('kimi')]),
    ];
    const report = run(items);
    expect(find(report, 'integration.openai').state).toBe('covered');
    expect(find(report, 'integration.qwen')).toMatchObject({ state: 'failing', reason: 'HTTP 500' });
    expect(find(report, 'integration.kimi')).toMatchObject({ state: 'not-run', reason: 'not run (no key)' });

    // The runner changed after the lane ran: its verdicts no longer prove the current code.
    repo.testFile('harness/contracts/src/smoke-matrix/run-case.ts', new Date());
    expect(find(run(items), 'integration.openai')).toMatchObject({
      state: 'stale',
      reason: expect.stringContaining('run-case.ts changed'),
    });
  });

  it('judges a smoke matrix by its lane: not executed in this job is not run, a manual file is never evidence', () => {
    repo.workspace('harness/contracts', ['contracts']);
    // A manual CLI run writes outside every lane folder; no lane report exists for this job.
    repo.write(
      'harness/contracts/reports/manual/smoke-matrix/cheapest.json',
      JSON.stringify({ cases: [{ id: 'openai', status: 'passed' }] }),
    );
    const report = run([
      item('integration.openai', [{ kind: 'smoke-matrix', matrix: 'cheapest', case: 'openai' }]),
    ]);
    expect(find(report, 'integration.openai')).toMatchObject({
      state: 'not-run',
      reason: expect.stringContaining('was not executed'),
    });
  });

  it('refuses a selector that matches nothing in results that exist, and the CLI exits 1 after writing the report', () => {
    const report = run([
      item('chaos.ws-drop', [{ kind: 'chaos-scenario', scenario: 'chaos:ws-drop' }]),
      item('unit.model-ref', [{ ...MODEL_REF, file: 'src/renamed.test.ts' }]),
    ]);
    expect(report.errors).toEqual([
      'chaos.ws-drop: chaos scenario chaos:ws-drop selects nothing: matches no test in chaos/reports/chaos/results.json',
      'unit.model-ref: test packages/proxy-core/src/renamed.test.ts /^parseModelRef / (unit) selects nothing: matches no test in packages/proxy-core/reports/unit/results.json',
    ]);
    const result = cli();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('chaos.ws-drop: chaos scenario chaos:ws-drop selects nothing');
    expect(existsSync(join(repo.root, 'reports', 'gaps', 'latest.md'))).toBe(true);
  });

  it('reports a test file left out of a filtered lane run as not run, not as vacuous', () => {
    repo.testFile('packages/proxy-core/src/other.test.ts');
    const report = run([item('unit.other', [{ ...MODEL_REF, file: 'src/other.test.ts' }])]);
    expect(report.errors).toEqual([]);
    expect(find(report, 'unit.other')).toMatchObject({
      state: 'not-run',
      reason: expect.stringContaining('did not include src/other.test.ts'),
    });
  });

  it('exits 1 for an invalid catalog without writing a report', () => {
    repo.write('catalog.yaml', 'version: 1\nitems: []\n');
    const result = cli('--out', join(repo.root, 'out'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is invalid');
    expect(existsSync(join(repo.root, 'out'))).toBe(false);
  });

  it('with --release, exits 1 listing each required item that is not covered and why; exits 0 when all are covered', () => {
    repo.catalog([
      item('unit.model-ref', [MODEL_REF]),
      item('unit.backlog', []),
      item('perf.optional', [], false),
    ]);
    const blocked = cli('--release');
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('1 required-for-release item(s) not covered');
    expect(blocked.stderr).toContain('unit.backlog [Unit] remaining: no evidence yet');
    expect(blocked.stderr).not.toContain('perf.optional');
    expect(cli().status).toBe(0);
    repo.catalog([item('unit.model-ref', [MODEL_REF]), item('perf.optional', [], false)]);
    expect(cli('--release').status).toBe(0);
  });

  it('writes latest.md in the seed report shape, gaps.json and index.html', () => {
    run([item('unit.model-ref', [MODEL_REF]), item('perf.fanout', [FANOUT_P95]), item('unit.backlog', [])]);
    const markdown = readFileSync(join(repo.root, 'reports', 'gaps', 'latest.md'), 'utf8');
    expect(markdown).toMatch(/^# Coverage Gaps Report\n\nDate: 2026-11-25\n/);
    for (const heading of [
      '## Current Snapshot',
      '- Scope assessed:',
      '- Commands executed:',
      '## Gap Matrix',
      '## Close-out Owner',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain(
      '`vitest run --coverage` in packages/proxy-core (unit lane): passed, 19 executed',
    );
    expect(markdown).toContain('packages/proxy-core/src/models/model-ref.test.ts:16');
    expect(markdown).toContain('p95 33.57 ms, p99 34.93 ms');
    expect(markdown).toMatch(
      /- Unit:\n {2}- Covered:\n.*unit\.model-ref[\s\S]*- Remaining:\n.*unit\.backlog/,
    );
    const json = JSON.parse(
      readFileSync(join(repo.root, 'reports', 'gaps', 'gaps.json'), 'utf8'),
    ) as GapReport;
    expect(json.totals).toMatchObject({ covered: 2, remaining: 1 });
    expect(json.gitSha).toBe('no commit yet');
  });

  it('keeps a bounded history of p95/p99 per k6 metric and trends across runs', () => {
    const path = join(repo.root, 'reports', 'gaps', 'history.jsonl');
    for (let run = 1; run <= 52; run += 1)
      appendHistory(path, { generatedAt: `run-${run}`, sha: 'x', series: { 'perf:s m': { 'p(95)': run } } });
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(50);
    const report = run([item('perf.fanout', [FANOUT_P95])], new Date(Date.UTC(2026, 2, 1)));
    expect(report.trends.map((trend) => trend.key)).toEqual([
      'perf:s m',
      'perf:sse-fanout http_req_duration{scenario:fanout}',
    ]);
    expect(report.trends[1]?.points.at(-1)?.generatedAt).toBe('2026-03-01T00:00:00.000Z');
  });

  it('saves the item totals per commit, and again only when they change, for the failing/remaining trend', () => {
    const path = join(repo.root, 'reports', 'gaps', 'history.jsonl');
    const totals = { failing: 1, remaining: 2 };
    appendHistory(path, { generatedAt: 'a', sha: 'one', series: {}, totals });
    appendHistory(path, { generatedAt: 'b', sha: 'one', series: {}, totals }); // regenerated: no point
    appendHistory(path, { generatedAt: 'c', sha: 'one', series: {}, totals: { failing: 0, remaining: 2 } });
    appendHistory(path, { generatedAt: 'd', sha: 'two', series: {}, totals: { failing: 0, remaining: 2 } });
    const saved = readFileSync(path, 'utf8').trim().split('\n');
    expect(saved.map((line) => (JSON.parse(line) as { generatedAt: string }).generatedAt)).toEqual([
      'a',
      'c',
      'd',
    ]);
    const report = run([item('unit.model-ref', [])], new Date(Date.UTC(2026, 2, 1)));
    expect(report.stateTrend.points.map((point) => point.figures['failing'])).toEqual([1, 0, 0, 0]);
  });

  it('adds no trend point when the report is regenerated from the same perf evidence', () => {
    const path = join(repo.root, 'reports', 'gaps', 'history.jsonl');
    run([item('perf.fanout', [FANOUT_P95])], new Date(Date.UTC(2026, 0, 1)));
    run([item('perf.fanout', [FANOUT_P95])], new Date(Date.UTC(2026, 0, 2)));
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
