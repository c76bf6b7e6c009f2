import type { AssertionResult, JsonTestReport } from '@switchyard/testkit/results';

/** One metric of k6's legacy `--summary-export` JSON. */
export interface K6SummaryMetric {
  readonly [stat: string]: number | Readonly<Record<string, boolean>> | undefined;
  /** threshold expression → true when the threshold FAILED (k6's legacy export inverts "ok"). */
  readonly thresholds?: Readonly<Record<string, boolean>>;
}

export interface K6Summary {
  readonly metrics: Readonly<Record<string, K6SummaryMetric>>;
}

export interface ThresholdOutcome {
  readonly metric: string;
  readonly expression: string;
  readonly passed: boolean;
  /** The measured figures of the metric (p95, p99, rate, …) for the report. */
  readonly figures: Readonly<Record<string, number>>;
}

export function isK6Summary(value: unknown): value is K6Summary {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { metrics?: unknown }).metrics === 'object'
  );
}

/** Every threshold in the summary with its verdict and the metric's measured figures. */
export function thresholdOutcomes(summary: K6Summary): ThresholdOutcome[] {
  const outcomes: ThresholdOutcome[] = [];
  for (const [metric, values] of Object.entries(summary.metrics)) {
    const figures: Record<string, number> = {};
    for (const [stat, value] of Object.entries(values)) if (typeof value === 'number') figures[stat] = value;
    for (const [expression, failed] of Object.entries(values.thresholds ?? {})) {
      outcomes.push({ metric, expression, passed: !failed, figures });
    }
  }
  return outcomes;
}

export interface ScenarioEvidence {
  readonly scenario: string;
  readonly file: string;
  readonly assertions: readonly AssertionResult[];
}

/** One "test" per threshold, named `<scenario> <metric> <expression>`, with the figures attached. */
export function thresholdAssertions(scenario: string, summary: K6Summary): AssertionResult[] {
  return thresholdOutcomes(summary).map((outcome) => ({
    title: `${outcome.metric} ${outcome.expression}`,
    fullName: `${scenario} ${outcome.metric} ${outcome.expression}`,
    ancestorTitles: [scenario],
    status: outcome.passed ? 'passed' : 'failed',
    failureMessages: outcome.passed
      ? []
      : [`threshold ${outcome.expression} on ${outcome.metric} failed: ${JSON.stringify(outcome.figures)}`],
    meta: outcome.figures,
  }));
}

/** The lane's results.json, in the same shape as Vitest's JSON report. */
export function toJsonTestReport(evidence: readonly ScenarioEvidence[], startTime: number): JsonTestReport {
  const all = evidence.flatMap((item) => item.assertions);
  const passed = all.filter((a) => a.status === 'passed').length;
  const failed = all.filter((a) => a.status === 'failed').length;
  return {
    numTotalTests: all.length,
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    startTime,
    success: failed === 0,
    testResults: evidence.map((item) => ({
      name: item.file,
      status: item.assertions.every((a) => a.status === 'passed') ? 'passed' : 'failed',
      assertionResults: item.assertions,
    })),
  };
}
