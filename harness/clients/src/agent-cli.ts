/**
 * Runs one agent CLI once, non-interactively: a clean environment (no developer keys or config leak in: the
 * HOME is a fresh temporary folder), stdin closed, bounded in time and output. Agent CLIs exit non-zero on a
 * failed turn but still print their result, so only a run that printed nothing at all is an error here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AgentCliRun {
  readonly binary: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Variables beyond PATH and HOME (base URL, key, …); `home` receives the temporary HOME's path. */
  readonly env: (home: string) => Readonly<Record<string, string>>;
  /** Writes the CLI's user settings into the fresh HOME before it starts (for settings no flag or variable sets). */
  readonly prepareHome?: (home: string) => void;
  readonly label: string;
}

export interface AgentCliOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export function runAgentCli(run: AgentCliRun): Promise<AgentCliOutput> {
  const home = mkdtempSync(join(tmpdir(), `sy-${run.label}-home-`));
  run.prepareHome?.(home);
  return new Promise((resolve, reject) => {
    const child = execFile(
      run.binary,
      [...run.args],
      {
        cwd: run.cwd,
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, ...run.env(home) },
      },
      (error, stdout, stderr) => {
        if (error !== null && stdout.trim() === '')
          reject(new Error(`${run.label} failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr, exitCode: typeof error?.code === 'number' ? error.code : 0 });
      },
    );
    // The CLIs read extra prompt text from stdin until EOF.
    child.stdin?.end();
  });
}
