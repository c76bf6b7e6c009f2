import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The generator that owns `docs/errors.md`'s tables; run in check mode, it says what is stale and how to fix it. */
export const ERROR_TABLE_SCRIPT = 'packages/proxy-core/scripts/error-table.ts';

/**
 * `docs/errors.md` lists exactly the proxy's error catalogue. The proxy's own script decides (it reads the
 * catalogue as code; this workspace does not depend on proxy-core); `script` is only swapped by tests.
 */
export function checkErrorTable(root: string, script = join(root, ERROR_TABLE_SCRIPT)): string[] {
  if (!existsSync(script)) return [`${ERROR_TABLE_SCRIPT} is missing: nothing keeps docs/errors.md current`];
  const result = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  if (result.status === 0) return [];
  const said = `${result.stdout}${result.stderr}`.trim();
  return [said === '' ? `${ERROR_TABLE_SCRIPT} failed (exit ${String(result.status)})` : said];
}
