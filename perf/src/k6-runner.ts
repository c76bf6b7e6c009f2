import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isK6Summary, type K6Summary } from './k6-summary.ts';
import { pinnedCommand } from './topology/pinning.ts';

export interface K6Run {
  readonly exitCode: number;
  readonly summary: K6Summary | null;
  readonly output: string;
}

export interface K6RunOptions {
  readonly k6: string;
  readonly script: string;
  readonly summaryPath: string;
  readonly env: Readonly<Record<string, string>>;
  /** taskset CPU list for k6 (the load generator's CPU); undefined = unpinned. */
  readonly cpus?: string | undefined;
}

/** k6's documented exit code for "a threshold failed". */
export const K6_THRESHOLD_FAILED = 99;

/** Runs one k6 script offline (no usage report, no extension resolution) and reads its summary export. */
export async function runK6(options: K6RunOptions): Promise<K6Run> {
  const [command, args] = pinnedCommand(options.cpus, options.k6, [
    'run',
    '--quiet',
    '--no-color',
    `--summary-export=${options.summaryPath}`,
    options.script,
  ]);
  const child = spawn(command, args, {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      K6_NO_USAGE_REPORT: 'true',
      K6_AUTO_EXTENSION_RESOLUTION: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exitCode = await new Promise<number>((resolveExit) => {
    child.on('error', () => resolveExit(127));
    child.on('exit', (code) => resolveExit(code ?? 1));
  });
  return { exitCode, summary: readSummary(options.summaryPath), output };
}

/** The summary export, or null when k6 wrote none (e.g. it failed before the test ran). */
function readSummary(path: string): K6Summary | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isK6Summary(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
