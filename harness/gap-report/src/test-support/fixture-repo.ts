import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

/** Real lane evidence captured from this repository's lanes (see fixtures/README.md). */
export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'reports');

/**
 * A throwaway monorepo in a temp folder: workspaces with lane scripts, test files, and lane
 * evidence copied from fixtures into `<workspace>/reports/<lane>/`. (Fixtures are stored flat
 * because the root .gitignore ignores every nested `reports/` folder.)
 */
export class FixtureRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'gap-report-'));

  constructor() {
    writeFileSync(join(this.root, 'pnpm-workspace.yaml'), 'packages: []\n');
    writeFileSync(join(this.root, 'package.json'), JSON.stringify({ name: 'fixture', scripts: {} }));
  }

  write(path: string, text: string): string {
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  }

  /** A workspace whose package.json runs the given lanes through sy-lane. */
  workspace(path: string, lanes: readonly string[]): this {
    const scripts = Object.fromEntries(
      lanes.map((lane) => [`test:${lane}`, `sy-lane ${lane} -- vitest run`]),
    );
    this.write(
      `${path}/package.json`,
      JSON.stringify({ name: `@fixture/${path.replace('/', '-')}`, scripts }),
    );
    return this;
  }

  /** A test file that existed (unchanged) since well before any fixture lane ran. */
  testFile(path: string, modifiedAt = new Date('2020-01-01T00:00:00Z')): this {
    const full = this.write(path, '// fixture test file\n');
    utimesSync(full, modifiedAt, modifiedAt);
    return this;
  }

  /** Copies fixtures/reports/<fixture>/ to <workspace>/reports/<lane>/, optionally editing JSON. */
  lane(fixture: string, workspace: string, lane: string): this {
    cpSync(join(FIXTURES, fixture), join(this.root, workspace, 'reports', lane), { recursive: true });
    return this;
  }

  editJson(path: string, edit: (value: Record<string, unknown>) => void): this {
    const full = join(this.root, path);
    const value = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>;
    edit(value);
    writeFileSync(full, JSON.stringify(value));
    return this;
  }

  catalog(items: readonly Record<string, unknown>[]): string {
    return this.write(
      'catalog.yaml',
      stringify({
        version: 1,
        'close-out': { owner: 'release lead', rule: 'all required items covered' },
        items,
      }),
    );
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A catalog item with the fields every test would otherwise repeat. */
export function item(
  id: string,
  evidence: readonly Record<string, unknown>[],
  required = true,
): Record<string, unknown> {
  const lane = { unit: 'Unit', perf: 'Perf', chaos: 'Chaos', docs: 'Docs', integration: 'Integration' }[
    id.split('.')[0] ?? ''
  ];
  return {
    id,
    lane,
    description: `fixture item ${id}`,
    owner: 'tester',
    'required-for-release': required,
    origin: 'switchyard',
    evidence,
  };
}
