import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureRepo } from '../test-support/fixture-repo.ts';
import { runDocsCheck } from './checks.ts';
import { pnpmCommandsIn } from './commands-exist.ts';
import { checkErrorTable, ERROR_TABLE_SCRIPT } from './error-table.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const fence = '```';
let repo: FixtureRepo;

beforeEach(() => {
  repo = new FixtureRepo();
  repo.write(
    'package.json',
    JSON.stringify({
      name: 'fixture',
      type: 'module',
      scripts: { 'quality:quick': 'x', test: 'turbo run test' },
    }),
  );
  repo.write('turbo.json', JSON.stringify({ tasks: { 'test:perf': {}, '//#lint:root': {} } }));
  repo.workspace('harness/gap-report', []);
  repo.write(
    'harness/gap-report/package.json',
    JSON.stringify({ name: 'g', scripts: { 'report:gaps': 'node src/cli.ts' } }),
  );
  copyFileSync(join(REPO_ROOT, 'tsconfig.base.json'), join(repo.root, 'tsconfig.base.json'));
  repo.write(
    'harness/gap-report/approved-hosts.yaml',
    'hosts:\n  - {host: json.schemastore.org, why: schema}\n  - {host: api.openai.com, why: provider}\n  - {host: "*.example.com", why: docs}\n',
  );
});
afterEach(() => {
  repo.remove();
});

describe('release-lint', () => {
  it('finds pnpm commands in code, skipping flags, run and placeholders', () => {
    expect(
      pnpmCommandsIn('pnpm run quality:quick && pnpm --filter @x/y test:unit; pnpm … ; pnpm <command>'),
    ).toEqual([
      { name: 'quality:quick', scoped: false },
      { name: 'test:unit', scoped: true },
    ]);
  });

  it('commands-exist: accepts root scripts, turbo tasks and pnpm builtins; names every unknown command with file:line', () => {
    repo.write(
      'README.md',
      `Run \`pnpm quality:quick\`, \`pnpm test:perf\`, \`pnpm lint:root\` and \`pnpm install\`.\n\n${fence}sh\npnpm quality:slow\n${fence}\n`,
    );
    repo.write(
      'docs/guide.md',
      'Then `pnpm -F @switchyard/gap-report report:gaps` and `pnpm release:everything`.\nplain prose about pnpm runs is ignored\n',
    );
    expect(runDocsCheck(repo.root, 'commands-exist')).toEqual([
      'README.md:4: `pnpm quality:slow` is neither a root script nor a turbo task',
      'docs/guide.md:1: `pnpm release:everything` is neither a root script nor a turbo task',
    ]);
  });

  it('snippets-parse: reports json and yaml that do not parse and ts that does not typecheck, and passes good ones', () => {
    repo.write(
      'docs/snippets.md',
      [
        `${fence}json`,
        '{"ok": true}',
        fence,
        `${fence}json`,
        '{"trailing": 1,}',
        fence,
        `${fence}yaml`,
        'key: [unclosed',
        fence,
        `${fence}yaml`,
        'fine: yes',
        fence,
        `${fence}ts`,
        'const port: number = 8080;\nexport const url = `http://127.0.0.1:${port}`;',
        fence,
        `${fence}ts`,
        "const port: number = 'eighty';\nexport { port };",
        fence,
      ].join('\n'),
    );
    const findings = runDocsCheck(repo.root, 'snippets-parse');
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatch(/^docs\/snippets\.md:4: json snippet does not parse/);
    expect(findings[1]).toMatch(/^docs\/snippets\.md:7: yaml snippet does not parse/);
    expect(findings[2]).toBe(
      "docs/snippets.md:18: ts snippet does not typecheck: TS2322 Type 'string' is not assignable to type 'number'.",
    );
  });

  it('no-secrets: flags real-looking keys by kind and line, never fake test keys', () => {
    // Built at run time so no real-looking secret is ever committed (harness/security scans tracked files).
    const shapes = [
      `sk-${'a1B2c3D4e5'.repeat(3)}`,
      `AKIA${'ABCDEFGH'.repeat(2)}`,
      `AIza${'x'.repeat(35)}`,
      `ghp_${'A1'.repeat(18)}`,
      `-----BEGIN RSA ${'PRIVATE'} KEY-----`,
    ];
    repo.write('docs/keys.md', [`Use a fake key like sk-test-${'x'.repeat(24)}.`, ...shapes].join('\n'));
    expect(runDocsCheck(repo.root, 'no-secrets')).toEqual([
      'docs/keys.md:2: looks like a real openai-key',
      'docs/keys.md:3: looks like a real aws-access-key',
      'docs/keys.md:4: looks like a real google-api-key',
      'docs/keys.md:5: looks like a real github-token',
      'docs/keys.md:6: looks like a real pem-private-key',
    ]);
  });

  it('url-hosts-approved: flags hosts of source files that are not on the approved list, wildcards included', () => {
    repo.write(
      'packages/x/src/upstream.ts',
      "export const a = 'https://api.openai.com/v1';\nexport const b = 'https://api.example.com';\n",
    );
    repo.write(
      'packages/x/src/leak.ts',
      "const host = 'x';\nexport const c = `https://${host}/`;\nexport const d = 'wss:/" +
        "/evil.example.net/socket';\n",
    );
    // URLs split in this file's own text, so the real repo's url-hosts check does not flag this test.
    repo.write('docs/links.md', 'https:/' + '/docs-only.example.org is prose, not source\n');
    expect(runDocsCheck(repo.root, 'url-hosts-approved')).toEqual([
      'packages/x/src/leak.ts:3: host evil.example.net is not on the approved list (harness/gap-report/approved-hosts.yaml)',
    ]);
  });

  it('command-matrix-complete: every root script needs a `pnpm <script>` row in docs/onboarding.md', () => {
    expect(runDocsCheck(repo.root, 'command-matrix-complete')).toEqual(['docs/onboarding.md is missing']);
    repo.write('docs/onboarding.md', '| `pnpm quality:quick` | everything fast |\n');
    expect(runDocsCheck(repo.root, 'command-matrix-complete')).toEqual([
      'docs/onboarding.md: root script `pnpm test` has no row in the command matrix',
    ]);
  });

  it('links-resolve: names every relative link whose target does not exist, skipping URLs, anchors and code', () => {
    repo.write('docs/guide.md', '# Guide\n');
    repo.write(
      'README.md',
      [
        'See [the guide](docs/guide.md#top), [this section](#below) and [the site](https://example.com/x).',
        'Broken: [gone](docs/gone.md) and [also gone](./harness/none/README.md "title").',
        `${fence}md`,
        '[inside code](nowhere.md)',
        fence,
      ].join('\n'),
    );
    repo.write('docs/more.md', '[back up](../README.md) and [sideways](missing.md)\n');
    expect(runDocsCheck(repo.root, 'links-resolve')).toEqual([
      'README.md:2: link target docs/gone.md does not exist',
      'README.md:2: link target ./harness/none/README.md does not exist',
      'docs/more.md:1: link target missing.md does not exist',
    ]);
  });

  it('cheapest-matrix-evidence-links: the onboarding section must link the test, runner, workflow and catalog', () => {
    expect(runDocsCheck(repo.root, 'cheapest-matrix-evidence-links')).toEqual([
      'docs/onboarding.md is missing',
    ]);
    repo.write('docs/onboarding.md', '# Onboarding\n\n## Commands\n\nnothing here\n');
    expect(runDocsCheck(repo.root, 'cheapest-matrix-evidence-links')).toEqual([
      'docs/onboarding.md: no section heading names the cheapest-provider matrix',
    ]);
    repo.write('harness/contracts/src/smoke.contract.test.ts', '// test\n');
    repo.write('harness/contracts/src/smoke-matrix/cli.ts', '// runner\n');
    repo.write('.github/workflows/quality.yml', 'jobs: {}\n');
    repo.write('harness/gap-report/catalog.yaml', 'items: []\n');
    const section = [
      '# Onboarding',
      '',
      '## Cheapest-provider matrix',
      '',
      '- [test](../harness/contracts/src/smoke.contract.test.ts), [runner](../harness/contracts/src/smoke-matrix/cli.ts)',
      '- [workflow](../.github/workflows/quality.yml), [broken](../harness/none.ts)',
      '',
      '## Next section',
      '',
      '[catalog outside the section](../harness/gap-report/catalog.yaml)',
    ].join('\n');
    repo.write('docs/onboarding.md', section);
    expect(runDocsCheck(repo.root, 'cheapest-matrix-evidence-links')).toEqual([
      'docs/onboarding.md:6: link target ../harness/none.ts does not exist',
      'docs/onboarding.md:3: the cheapest-provider matrix section has no link to the coverage catalog',
    ]);
    repo.write(
      'docs/onboarding.md',
      section.replace('[broken](../harness/none.ts)', '[catalog](../harness/gap-report/catalog.yaml)'),
    );
    expect(runDocsCheck(repo.root, 'cheapest-matrix-evidence-links')).toEqual([]);
  });

  it('ci-runs-cheapest-smoke: a job runs the cheapest matrix and every required check needs it', () => {
    repo.write('.github/required-checks.txt', '# the gate\nquality gate\n');
    const workflow = (gateNeeds: string): string =>
      [
        'jobs:',
        '  smoke:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: pnpm test:provider-smoke-matrix:cheapest',
        '  unit:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: pnpm test',
        '  gate:',
        '    name: quality gate',
        `    needs: ${gateNeeds}`,
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo ok',
      ].join('\n');
    repo.write('.github/workflows/quality.yml', workflow('[unit]'));
    expect(runDocsCheck(repo.root, 'ci-runs-cheapest-smoke')).toEqual([
      '.github/workflows/quality.yml: required check "quality gate" does not need job smoke',
    ]);
    repo.write('.github/workflows/quality.yml', workflow('[unit, smoke]'));
    expect(runDocsCheck(repo.root, 'ci-runs-cheapest-smoke')).toEqual([]);
    repo.write('.github/workflows/quality.yml', workflow('[unit]').replace(':cheapest', ''));
    expect(runDocsCheck(repo.root, 'ci-runs-cheapest-smoke')).toEqual([
      '.github/workflows: no job runs `pnpm test:provider-smoke-matrix:cheapest`',
    ]);
  });

  it('error-table-current: docs/errors.md must hold the tables generated from the error catalogue', () => {
    const script = join(REPO_ROOT, ERROR_TABLE_SCRIPT);
    const markers =
      '<!-- error-table:start (generated from src/errors/catalogue.ts) -->\n<!-- error-table:end -->\n';
    repo.write('docs/errors.md', `# Errors\n\n${markers}`);
    const [stale] = checkErrorTable(repo.root, script);
    expect(stale).toContain('docs/errors.md: the error table differs from src/errors/catalogue.ts');
    expect(stale).toContain('docs:errors');
    expect(spawnSync(process.execPath, [script, '--write', '--root', repo.root]).status).toBe(0);
    expect(readFileSync(join(repo.root, 'docs/errors.md'), 'utf8')).toContain('| `model_not_found` ');
    expect(checkErrorTable(repo.root, script)).toEqual([]);
    repo.write('docs/errors.md', '# Errors\n');
    expect(checkErrorTable(repo.root, script)).toEqual([
      expect.stringContaining('docs/errors.md: the markers'),
    ]);
    // The fixture repo has no proxy-core: the lane names the missing generator instead of passing.
    expect(runDocsCheck(repo.root, 'error-table-current')).toEqual([
      `${ERROR_TABLE_SCRIPT} is missing: nothing keeps docs/errors.md current`,
    ]);
    expect(runDocsCheck(REPO_ROOT, 'error-table-current')).toEqual([]);
  });
});
