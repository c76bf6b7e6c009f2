/**
 * Peer gateways live in the same version-keyed tool cache as Node, pnpm and k6 (`scripts/bootstrap.sh`):
 * `$SWITCHYARD_CACHE/peers/<name>-<version>/`, installed on demand by `pnpm test:perf -- --peers`.
 * A prefix counts as installed only once its marker file (written last, holding the exact spec) is there;
 * anything else in the way — an interrupted install, another version's leftovers — is removed first. The
 * install happens in place, not in a temp dir renamed afterwards: a Python venv's scripts carry its absolute
 * path in their shebangs, so a renamed venv would not run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const MARKER = '.switchyard-installed';

/** The tool cache root, resolved like scripts/bootstrap.sh does. */
export function toolCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env['SWITCHYARD_CACHE'] ??
    join(env['XDG_CACHE_HOME'] ?? join(env['HOME'] ?? homedir(), '.cache'), 'switchyard')
  );
}

/** `<cache>/peers/<name>-<version>`: one prefix per exact version, never shared between versions. */
export function peerPrefix(cacheRoot: string, name: string, version: string): string {
  return join(cacheRoot, 'peers', `${name}-${version}`);
}

/** One step of an install: a command, its arguments, and a bound on how long it may take. */
export interface InstallStep {
  readonly command: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
}

export type InstallOutcome =
  | { readonly ok: true; readonly reused: boolean; readonly seconds: number }
  | { readonly ok: false; readonly reason: string };

/** Runs a command to completion (killed after its timeout); resolves with its exit code and output tail. */
export function runStep(step: InstallStep): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), step.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, output: error.message });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGKILL' ? 124 : 1), output });
    });
  });
}

/** Installs `spec` into `prefix` with `steps` unless the marker says exactly that spec is already there. */
export async function ensureInstalled(
  prefix: string,
  spec: string,
  steps: readonly InstallStep[],
): Promise<InstallOutcome> {
  const marker = join(prefix, MARKER);
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === spec)
    return { ok: true, reused: true, seconds: 0 };
  const started = Date.now();
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  for (const step of steps) {
    const { code, output } = await runStep(step);
    if (code !== 0) {
      rmSync(prefix, { recursive: true, force: true });
      const tail = output.trim().split('\n').slice(-3).join(' ⏎ ');
      return { ok: false, reason: `${step.command} exited ${code}${tail === '' ? '' : `: ${tail}`}` };
    }
  }
  writeFileSync(marker, `${spec}\n`);
  return { ok: true, reused: false, seconds: Math.round((Date.now() - started) / 1000) };
}

/** The install steps as one shell command line, for "not run" rows and the README. */
export function installCommandOf(steps: readonly InstallStep[]): string {
  const quote = (arg: string): string =>
    /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
  return steps.map((step) => [step.command, ...step.args].map(quote).join(' ')).join(' && ');
}
