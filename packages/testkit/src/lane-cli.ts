/**
 * sy-lane: runs one test lane of one workspace and refuses to let it pass vacuously.
 *
 *   sy-lane <lane> [--needs tool[,tool]] -- <command> [args...]
 *
 * - A needed external tool that is missing makes the lane "not run" (with the exact install command),
 *   never "passed"; with SWITCHYARD_REQUIRE_TOOLS=1 (quality:ci) that is a failure.
 * - After the command, reports/<lane>/results.json must exist and show at least one executed test;
 *   skipped/todo tests are listed by name.
 * - The verdict is written to reports/<lane>/lane.json for the gap report.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { laneReportsDir } from './paths.ts';
import { countResults, isJsonTestReport, type LaneCounts } from './results.ts';
import { EXTERNAL_TOOLS, lookupTool } from './tools.ts';

interface LaneVerdict {
  readonly lane: string;
  readonly package: string;
  readonly status: 'passed' | 'failed' | 'not-run';
  readonly reason?: string;
  readonly install?: string;
  readonly command: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly exitCode?: number;
  readonly counts?: LaneCounts;
}

function parseArgs(argv: readonly string[]): { lane: string; needs: string[]; command: string[] } {
  const separator = argv.indexOf('--');
  const head = separator === -1 ? argv : argv.slice(0, separator);
  const command = separator === -1 ? [] : argv.slice(separator + 1);
  const lane = head[0];
  const needsIndex = head.indexOf('--needs');
  const needs = needsIndex === -1 ? [] : (head[needsIndex + 1] ?? '').split(',').filter(Boolean);
  if (lane === undefined || lane.startsWith('-') || command.length === 0) {
    throw new Error('usage: sy-lane <lane> [--needs tool[,tool]] -- <command> [args...]');
  }
  return { lane, needs, command };
}

function packageName(dir: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return typeof manifest.name === 'string' ? manifest.name : basename(dir);
  } catch {
    return basename(dir);
  }
}

async function run(command: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command;
  if (file === undefined) return 1;
  const child = spawn(file, args, { stdio: 'inherit', env, shell: false });
  return await new Promise((resolveCode) => {
    child.on('error', (error) => {
      console.error(`[sy-lane] could not start ${file}: ${error.message}`);
      resolveCode(127);
    });
    child.on('exit', (code, signal) => resolveCode(code ?? (signal ? 128 : 1)));
  });
}

async function main(): Promise<number> {
  const { lane, needs, command } = parseArgs(process.argv.slice(2));
  const packageDir = process.cwd();
  const name = packageName(packageDir);
  const reportsDir = laneReportsDir(lane, packageDir);
  const started = Date.now();
  const prefix = `[${name} ${lane}]`;
  // Old evidence must never be mistaken for this run's.
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });
  const write = (
    verdict: Omit<LaneVerdict, 'lane' | 'package' | 'command' | 'startedAt' | 'durationMs'>,
  ): void => {
    const full: LaneVerdict = {
      lane,
      package: name,
      command: command.join(' '),
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      ...verdict,
    };
    writeFileSync(join(reportsDir, 'lane.json'), `${JSON.stringify(full, null, 2)}\n`);
  };

  for (const toolName of needs) {
    const tool = EXTERNAL_TOOLS[toolName];
    if (tool === undefined) throw new Error(`${prefix} unknown tool ${toolName}`);
    const found = lookupTool(tool);
    if (!found.available) {
      const required = process.env['SWITCHYARD_REQUIRE_TOOLS'] === '1';
      console.error(
        `${prefix} not run: ${found.reason}. Install: ${found.install} (or: bash scripts/bootstrap.sh)`,
      );
      write({ status: 'not-run', reason: found.reason, install: found.install });
      if (required)
        console.error(`${prefix} FAILED: this run requires the real tools (SWITCHYARD_REQUIRE_TOOLS=1).`);
      return required ? 1 : 0;
    }
  }

  const exitCode = await run(command, { ...process.env, SY_LANE: lane, SY_REPORTS_DIR: reportsDir });
  const resultsPath = join(reportsDir, 'results.json');
  if (!existsSync(resultsPath)) {
    const reason = `the runner wrote no results at ${resultsPath}`;
    console.error(`${prefix} FAILED: ${reason} (exit ${exitCode}).`);
    write({ status: 'failed', reason, exitCode });
    return exitCode === 0 ? 1 : exitCode;
  }
  const parsed: unknown = JSON.parse(readFileSync(resultsPath, 'utf8'));
  if (!isJsonTestReport(parsed)) {
    write({ status: 'failed', reason: 'results.json is not a test report', exitCode });
    console.error(`${prefix} FAILED: results.json is not a test report.`);
    return 1;
  }
  const counts = countResults(parsed);
  for (const skipped of counts.skipped) console.error(`${prefix} skipped: ${skipped}`);
  if (counts.executed === 0) {
    const reason = 'the lane executed zero tests';
    console.error(`${prefix} FAILED: ${reason}.`);
    write({ status: 'failed', reason, exitCode, counts });
    return 1;
  }
  const ok = exitCode === 0 && counts.failed === 0;
  write({ status: ok ? 'passed' : 'failed', exitCode, counts });
  console.error(
    `${prefix} ${ok ? 'passed' : 'FAILED'}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped.length} skipped`,
  );
  return ok ? 0 : exitCode === 0 ? 1 : exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
