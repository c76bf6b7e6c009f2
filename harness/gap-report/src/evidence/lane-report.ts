import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonTestReport } from '@switchyard/testkit/results';
import { isJsonTestReport } from '@switchyard/testkit/results';
import { z } from 'zod';

/** lane.json as written by sy-lane (packages/testkit/src/lane-cli.ts). */
export const laneVerdictSchema = z.object({
  lane: z.string(),
  package: z.string(),
  status: z.enum(['passed', 'failed', 'not-run']),
  reason: z.string().optional(),
  install: z.string().optional(),
  command: z.string(),
  startedAt: z.iso.datetime(),
  durationMs: z.number(),
  exitCode: z.number().optional(),
  counts: z
    .object({ executed: z.number(), passed: z.number(), failed: z.number(), skipped: z.array(z.string()) })
    .optional(),
});
export type LaneVerdict = z.infer<typeof laneVerdictSchema>;

/** One lane's evidence: its verdict plus, when the runner wrote it, the JSON test report. */
export interface LaneReport {
  /** Workspace folder relative to the repo root, e.g. `packages/proxy-core`. */
  readonly workspace: string;
  readonly lane: string;
  readonly dir: string;
  readonly verdict: LaneVerdict;
  readonly results: JsonTestReport | undefined;
}

export function laneKey(workspace: string, lane: string): string {
  return `${workspace}#${lane}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function childDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && name !== 'node_modules')
    .filter((name) => isDirectory(join(dir, name)));
}

/**
 * Workspace folders that may hold evidence: one or two levels below the root (chaos, perf,
 * packages/x, harness/x). The root's own `reports/` (the gap report's output) is not a workspace.
 */
export function candidateWorkspaces(root: string): string[] {
  const found: string[] = [];
  for (const top of childDirs(root)) {
    if (top === 'reports') continue;
    if (existsSync(join(root, top, 'package.json'))) found.push(top);
    for (const inner of childDirs(join(root, top))) {
      if (existsSync(join(root, top, inner, 'package.json'))) found.push(`${top}/${inner}`);
    }
  }
  return found.sort();
}

export class EvidenceError extends Error {
  override readonly name = 'EvidenceError';
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new EvidenceError(
      `${path} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Reads one `<workspace>/reports/<lane>/` folder; undefined when the lane left no lane.json. */
export function readLaneReport(root: string, workspace: string, lane: string): LaneReport | undefined {
  const dir = join(root, workspace, 'reports', lane);
  const verdictPath = join(dir, 'lane.json');
  if (!existsSync(verdictPath)) return undefined;
  const parsed = laneVerdictSchema.safeParse(readJson(verdictPath));
  if (!parsed.success) {
    throw new EvidenceError(
      `${verdictPath} is not a lane verdict: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  const resultsPath = join(dir, 'results.json');
  let results: JsonTestReport | undefined;
  if (existsSync(resultsPath)) {
    const raw = readJson(resultsPath);
    if (!isJsonTestReport(raw)) throw new EvidenceError(`${resultsPath} is not a JSON test report`);
    results = raw;
  }
  return { workspace, lane, dir, verdict: parsed.data, results };
}

/** Every `<workspace>/reports/<lane>/lane.json` under the root. */
export function discoverLaneReports(root: string): Map<string, LaneReport> {
  const reports = new Map<string, LaneReport>();
  for (const workspace of candidateWorkspaces(root)) {
    const reportsDir = join(root, workspace, 'reports');
    if (!isDirectory(reportsDir)) continue;
    for (const lane of childDirs(reportsDir)) {
      const report = readLaneReport(root, workspace, lane);
      if (report) reports.set(laneKey(workspace, lane), report);
    }
  }
  return reports;
}

/** Whether a workspace defines the lane at all (a package script running `sy-lane <lane>`). */
export function laneIsDefined(root: string, workspace: string, lane: string): boolean {
  const manifestPath = join(root, workspace, 'package.json');
  if (!existsSync(manifestPath)) return false;
  const manifest = readJson(manifestPath) as { scripts?: Record<string, unknown> };
  const runsLane = new RegExp(`sy-lane(?:\\.ts)? ${lane.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s|$)`);
  return Object.values(manifest.scripts ?? {}).some(
    (script) => typeof script === 'string' && runsLane.test(script),
  );
}
