/**
 * Lints only the files changed in QUALITY_DIFF_RANGE (e.g. `origin/main...HEAD`), or, when unset,
 * the staged, unstaged and untracked files. Nothing changed → says so and passes.
 * Changed workflow files are checked with actionlint as well.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gitLines, localBin, repoRoot, run } from './lib.ts';

const LINTABLE = /\.(?:[cm]?ts|[cm]?js)$/;
const range = process.env['QUALITY_DIFF_RANGE'];

function changedFiles(): { files: string[]; description: string } {
  if (range !== undefined && range !== '') {
    const files = gitLines(['diff', '--name-only', '--diff-filter=ACMR', range]);
    if (files === null) throw new Error(`lint:changed: git could not diff QUALITY_DIFF_RANGE=${range}`);
    return { files, description: `QUALITY_DIFF_RANGE=${range}` };
  }
  const hasHead = gitLines(['rev-parse', '--verify', '-q', 'HEAD']) !== null;
  const tracked = hasHead
    ? (gitLines(['diff', '--name-only', '--diff-filter=ACMR', 'HEAD']) ?? [])
    : (gitLines(['diff', '--cached', '--name-only', '--diff-filter=ACMR']) ?? []);
  const untracked = gitLines(['ls-files', '--others', '--exclude-standard']) ?? [];
  return {
    files: [...new Set([...tracked, ...untracked])],
    description: 'staged + working tree + untracked',
  };
}

const { files, description } = changedFiles();
const existing = files.filter((file) => existsSync(join(repoRoot, file)));
const code = existing.filter((file) => LINTABLE.test(file));
const workflows = existing.filter((file) => /^\.github\/workflows\/.+\.ya?ml$/.test(file));

if (code.length === 0 && workflows.length === 0) {
  console.log(`lint:changed: no changed lintable files (${description}); nothing to lint.`);
  process.exit(0);
}
let status = 0;
if (code.length > 0) {
  console.log(`lint:changed: eslint on ${code.length} changed file(s) (${description})`);
  status ||= run(localBin('eslint'), ['--no-warn-ignored', '--max-warnings', '0', ...code]);
}
if (workflows.length > 0) {
  status ||= run(process.execPath, [join(repoRoot, 'scripts', 'lint-workflows.ts'), ...workflows]);
}
process.exit(status);
