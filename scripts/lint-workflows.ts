/**
 * actionlint (the pinned Go binary from scripts/bootstrap.sh) over .github/workflows.
 * Missing binary → "not run" with the install command; a failure when SWITCHYARD_REQUIRE_TOOLS=1.
 */
import { EXTERNAL_TOOLS, lookupTool } from '../packages/testkit/src/tools.ts';
import { run } from './lib.ts';

const actionlint = EXTERNAL_TOOLS['actionlint'];
if (actionlint === undefined) throw new Error('actionlint is not a known external tool');
const found = lookupTool(actionlint);
if (!found.available) {
  console.error(
    `lint:workflows: not run: ${found.reason}. Install: ${found.install} (or: bash scripts/bootstrap.sh)`,
  );
  process.exit(process.env['SWITCHYARD_REQUIRE_TOOLS'] === '1' ? 1 : 0);
}
const files = process.argv.slice(2);
const status = run(found.path, ['-no-color', ...files]);
if (status === 0)
  console.log(
    `lint:workflows: actionlint found no problems${files.length > 0 ? ` in ${files.join(', ')}` : ''}.`,
  );
process.exit(status);
