import { describe, expect, it } from 'vitest';
import { countResults, isJsonTestReport, type JsonTestReport } from './results.ts';

function report(statuses: Array<'passed' | 'failed' | 'skipped' | 'todo' | 'pending'>): JsonTestReport {
  return {
    numTotalTests: statuses.length,
    numPassedTests: statuses.filter((s) => s === 'passed').length,
    numFailedTests: statuses.filter((s) => s === 'failed').length,
    numPendingTests: 0,
    numTodoTests: 0,
    startTime: 0,
    success: true,
    testResults: [
      {
        name: '/repo/a.test.ts',
        status: 'passed',
        assertionResults: statuses.map((status, index) => ({
          title: `t${index}`,
          fullName: `suite t${index}`,
          ancestorTitles: ['suite'],
          status,
          failureMessages: [],
          location: { line: index + 1, column: 1 },
        })),
      },
    ],
  };
}

describe('countResults', () => {
  it('counts only passed and failed tests as executed', () => {
    const counts = countResults(report(['passed', 'failed', 'skipped', 'todo']));
    expect(counts).toMatchObject({ executed: 2, passed: 1, failed: 1 });
  });

  it('lists every skipped, todo and pending test with file and line', () => {
    const counts = countResults(report(['skipped', 'todo', 'pending', 'passed']));
    expect(counts.skipped).toEqual([
      '/repo/a.test.ts:1 > suite t0 (skipped)',
      '/repo/a.test.ts:2 > suite t1 (todo)',
      '/repo/a.test.ts:3 > suite t2 (pending)',
    ]);
  });

  it('reports zero executed tests when everything was skipped', () => {
    expect(countResults(report(['skipped', 'skipped'])).executed).toBe(0);
  });
});

describe('isJsonTestReport', () => {
  it('accepts the Vitest JSON shape and rejects anything else', () => {
    expect(isJsonTestReport(report(['passed']))).toBe(true);
    expect(isJsonTestReport({ stats: {} })).toBe(false);
    expect(isJsonTestReport(null)).toBe(false);
  });
});
