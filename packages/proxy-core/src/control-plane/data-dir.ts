/**
 * Where the store lives when `controlPlane.dataDir` is not set: the XDG data directory, so a server started
 * from any working directory finds the same sessions (and never litters the directory it was started in).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveDataDir(
  configured: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): string {
  if (configured !== undefined) return resolve(cwd, configured);
  const xdg = env['XDG_DATA_HOME'];
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const base = xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.local', 'share');
  return join(base, 'switchyard');
}
