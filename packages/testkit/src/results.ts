/**
 * The subset of Vitest's (Jest-compatible) JSON report that the lane gate and the gap report read.
 * The perf runner writes the same shape, one "test" per k6 threshold, so every lane's evidence
 * can be read by one reader.
 */
export type AssertionStatus = 'passed' | 'failed' | 'pending' | 'skipped' | 'todo' | 'disabled';

export interface AssertionResult {
  readonly title: string;
  readonly fullName: string;
  readonly ancestorTitles: readonly string[];
  readonly status: AssertionStatus;
  readonly duration?: number | null;
  readonly failureMessages: readonly string[];
  readonly location?: { readonly line: number; readonly column: number } | null;
  /** Measured figures attached by non-Vitest writers (e.g. k6 p95/p99), for the report. */
  readonly meta?: Readonly<Record<string, number | string>>;
}

export interface FileResult {
  readonly name: string;
  readonly status: string;
  readonly assertionResults: readonly AssertionResult[];
}

export interface JsonTestReport {
  readonly numTotalTests: number;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
  readonly startTime: number;
  readonly success: boolean;
  readonly testResults: readonly FileResult[];
}

export interface LaneCounts {
  readonly executed: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: readonly string[];
}

/** Counts what really ran; skipped, todo and pending tests are listed, never counted as executed. */
export function countResults(report: JsonTestReport): LaneCounts {
  let passed = 0;
  let failed = 0;
  const skipped: string[] = [];
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === 'passed') passed += 1;
      else if (test.status === 'failed') failed += 1;
      else
        skipped.push(
          `${file.name}${test.location ? `:${test.location.line}` : ''} > ${test.fullName} (${test.status})`,
        );
    }
  }
  return { executed: passed + failed, passed, failed, skipped };
}

export function isJsonTestReport(value: unknown): value is JsonTestReport {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['numTotalTests'] === 'number' && Array.isArray(record['testResults']);
}
