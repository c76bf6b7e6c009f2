/**
 * The BUILT proxy as a real process, the way an operator runs it:
 * `node packages/proxy-core/dist/bin/switchyard.js serve --port P --config FILE`. Shared by every lane that
 * needs the proxy as a process (e2e, the real agent clients); turbo builds proxy-core before those lanes.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from './paths.ts';
import { freePort } from './ports.ts';
import { startService, type RunningService } from './processes.ts';

/** The built `switchyard` entry point of proxy-core. */
export function builtProxyBin(root: string = findRepoRoot(import.meta.dirname)): string {
  const bin = join(root, 'packages', 'proxy-core', 'dist', 'bin', 'switchyard.js');
  if (!existsSync(bin))
    throw new Error(`${bin} is missing: run \`pnpm build\` (turbo does this for the live lanes)`);
  return bin;
}

export interface BuiltProxy {
  readonly url: string;
  readonly port: number;
  readonly service: RunningService;
  stop(): Promise<void>;
}

export interface BuiltProxyOptions {
  /** Written as JSON (a YAML subset the loader accepts) into a fresh temporary directory. */
  readonly config: Record<string, unknown>;
  /** The process environment; the parent's when absent (so `*_API_KEY` variables can be passed or withheld). */
  readonly env?: NodeJS.ProcessEnv;
}

export async function startBuiltProxy(options: BuiltProxyOptions): Promise<BuiltProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-proxy-'));
  const configFile = join(dir, 'switchyard.json');
  writeFileSync(configFile, JSON.stringify(options.config, null, 2));
  return startBuiltProxyWithConfigFile(configFile, options.env);
}

/** The same, for a config file the caller wrote (tests that restart a proxy on the same file and data). */
export async function startBuiltProxyWithConfigFile(
  configFile: string,
  env?: NodeJS.ProcessEnv,
): Promise<BuiltProxy> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = await startService({
    command: process.execPath,
    args: [builtProxyBin(), 'serve', '--port', String(port), '--config', configFile],
    readyUrl: `${url}/readyz`,
    ...(env === undefined ? {} : { env }),
  });
  return { url, port, service, stop: () => service.stop() };
}
