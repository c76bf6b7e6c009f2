import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatrixReport } from './matrix.ts';

const WORKSPACE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where a matrix report goes. Inside a lane (`SY_REPORTS_DIR` set by sy-lane) it is evidence: the lane's own
 * folder, `reports/<lane>/smoke-matrix/`, reset with the lane and read by the gap report. A manual run of the
 * CLI (`--base-url`, `--live`, any flags) writes to `reports/manual/smoke-matrix/`, which no catalog item reads,
 * so a one-off run against some proxy can never overwrite the evidence a release item stands on.
 */
export function reportDir(): string {
  const laneDir = process.env['SY_REPORTS_DIR'];
  return join(laneDir ?? join(WORKSPACE_DIR, 'reports', 'manual'), 'smoke-matrix');
}

export function writeReport(name: string, report: MatrixReport): string {
  const path = join(reportDir(), `${name}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

export function formatReport(report: MatrixReport): string {
  const lines = report.cases.map(
    (entry) =>
      `[${entry.status.toUpperCase()}] ${entry.id} (${entry.durationMs} ms)${entry.reason ? ` — ${entry.reason}` : ''}`,
  );
  return [
    ...lines,
    `${report.passed ? 'PASS' : 'FAIL'}: ${report.cases.length} cases against ${report.baseUrl} (${report.mode})`,
  ].join('\n');
}
