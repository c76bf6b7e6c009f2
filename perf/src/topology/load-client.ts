/**
 * Runs one load generator as its own pinned process and reads the one JSON line it prints. Each round is a
 * fresh process: nothing one round allocated (sockets, heap) can slow the next.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pinnedCommand, type Pinning } from './pinning.ts';

const loadDir = join(import.meta.dirname, '..', 'load');

export async function runLoadClient<T>(
  pinning: Pinning,
  script: 'latency-main.ts' | 'sse-fanout-main.ts' | 'ws-fanout-main.ts',
  args: object,
  timeoutMs: number,
): Promise<T> {
  const [command, argv] = pinnedCommand(pinning.load, process.execPath, [
    join(loadDir, script),
    JSON.stringify(args),
  ]);
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  clearTimeout(timer);
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || line === '') throw new Error(`${script} exited ${code}: ${stderr || stdout.slice(-500)}`);
  return JSON.parse(line) as T;
}
