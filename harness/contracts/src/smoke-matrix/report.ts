import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatrixReport } from './matrix.ts';

/** `harness/contracts/reports/smoke-matrix`, wherever the CLI is started from. */
export const REPORT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'reports',
  'smoke-matrix',
);

export function writeReport(name: string, report: MatrixReport): string {
  const path = join(REPORT_DIR, `${name}.json`);
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
