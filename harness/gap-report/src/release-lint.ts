/**
 * release-lint: the docs lane's gate (wired as root `pnpm quality:release-lint`).
 *   node src/release-lint.ts [--root <repo>]
 * Prints every finding as `file:line: problem`, one section per check, and exits 1 when any check failed.
 */
import { resolve } from 'node:path';
import { findRepoRoot } from '@switchyard/testkit/paths';
import { DOCS_CHECKS } from './catalog-schema.ts';
import { runDocsCheck } from './release-lint/checks.ts';

function rootFromArgs(argv: readonly string[]): string {
  const at = argv.indexOf('--root');
  const given = at === -1 ? undefined : argv[at + 1];
  return given === undefined ? findRepoRoot(import.meta.dirname) : resolve(given);
}

const root = rootFromArgs(process.argv.slice(2));
let failed = 0;
for (const check of DOCS_CHECKS) {
  const findings = runDocsCheck(root, check);
  console.log(`[release-lint] ${check}: ${findings.length === 0 ? 'ok' : `${findings.length} finding(s)`}`);
  for (const finding of findings) console.log(`  ${finding}`);
  if (findings.length > 0) failed += 1;
}
if (failed > 0) {
  console.error(`[release-lint] FAILED: ${failed} of ${DOCS_CHECKS.length} checks have findings.`);
  process.exitCode = 1;
} else {
  console.log(`[release-lint] passed: ${DOCS_CHECKS.length} checks.`);
}
