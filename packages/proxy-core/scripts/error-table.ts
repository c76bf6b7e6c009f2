/**
 * Keeps the error tables of `docs/errors.md` equal to the error catalogue (src/errors/catalogue.ts).
 *
 *   node packages/proxy-core/scripts/error-table.ts           check: exit 1 and say how to fix when stale
 *   node packages/proxy-core/scripts/error-table.ts --write   rewrite the generated region
 *        [--root <repo>]                                     another checkout (the docs lane passes its own)
 *
 * The docs lane (`pnpm quality:release-lint`, check `error-table-current`) runs the check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ERROR_TABLE_END, ERROR_TABLE_START, withErrorTable } from '../src/errors/error-table.ts';

const ERRORS_DOC = 'docs/errors.md';

const { values } = parseArgs({
  options: { write: { type: 'boolean', default: false }, root: { type: 'string' } },
});
const root = resolve(values.root ?? join(import.meta.dirname, '..', '..', '..'));
const path = join(root, ERRORS_DOC);
const current = readFileSync(path, 'utf8');
const fresh = withErrorTable(current);

if (fresh === undefined) {
  console.log(`${ERRORS_DOC}: the markers ${ERROR_TABLE_START} and ${ERROR_TABLE_END} are missing`);
  process.exitCode = 1;
} else if (values.write) {
  if (fresh !== current) writeFileSync(path, fresh);
  console.log(`${ERRORS_DOC}: ${fresh === current ? 'already current' : 'rewritten'}`);
} else if (fresh !== current) {
  console.log(
    `${ERRORS_DOC}: the error table differs from src/errors/catalogue.ts; run pnpm --filter @switchyard/proxy-core docs:errors`,
  );
  process.exitCode = 1;
}
