/** Small helpers shared by the root scripts: run a command with inherited output, read git. */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

export const repoRoot = join(dirname(new URL(import.meta.url).pathname), '..');

/** Runs a command in the repo root with inherited stdio; returns its exit code. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (result.error) {
    console.error(`could not run ${command}: ${result.error.message}`);
    return 127;
  }
  return result.status ?? 1;
}

/** Runs git and returns stdout lines; null when git fails (e.g. no commits yet). */
export function gitLines(args: readonly string[]): string[] | null {
  const result = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) return null;
  return result.stdout.split('\n').filter((line) => line !== '');
}

export function localBin(name: string): string {
  return join(repoRoot, 'node_modules', '.bin', name);
}
