import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isK6Summary,
  thresholdAssertions,
  thresholdOutcomes,
  toJsonTestReport,
  type K6Summary,
} from './k6-summary.ts';

// A real summary export from the negative-control scenario: k6 marks crossed thresholds `true`.
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'threshold-gate.summary.json'), 'utf8'),
) as unknown;

describe('k6 summary reading', () => {
  it('recognises a summary export', () => {
    expect(isK6Summary(fixture)).toBe(true);
    expect(isK6Summary({})).toBe(false);
  });

  it('treats `true` in the legacy export as a FAILED threshold', () => {
    const outcomes = thresholdOutcomes(fixture as K6Summary);
    const ttfb = outcomes.filter((o) => o.metric === 'http_req_waiting{scenario:fanout}');
    expect(ttfb.map((o) => [o.expression, o.passed]).sort()).toEqual([
      ['p(95)<0.001', false],
      ['p(99)<0.001', false],
    ]);
    expect(outcomes.find((o) => o.metric === 'http_req_failed')?.passed).toBe(true);
  });

  it('keeps the measured p95 and p99 with every threshold', () => {
    const [first] = thresholdAssertions('perf:x', fixture as K6Summary).filter((a) =>
      a.title.includes('waiting'),
    );
    expect(first?.meta?.['p(95)']).toEqual(expect.any(Number));
    expect(first?.meta?.['p(99)']).toEqual(expect.any(Number));
  });

  it('builds a lane report that fails when any threshold failed', () => {
    const assertions = thresholdAssertions('perf:x', fixture as K6Summary);
    const report = toJsonTestReport([{ scenario: 'perf:x', file: 'x.ts', assertions }], 0);
    expect(report.success).toBe(false);
    expect(report.numFailedTests).toBe(2);
    expect(report.numTotalTests).toBe(assertions.length);
  });
});
