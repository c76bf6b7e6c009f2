import { describe, expect, it } from 'vitest';
import type { K6Summary } from './k6-summary.ts';
import { MAX_P95_OVERHEAD_RATIO, overheadAssertion } from './overhead.ts';

const summary = (p95: number): K6Summary => ({
  metrics: { 'http_req_duration{scenario:fanout}': { 'p(95)': p95 } },
});

describe('proxy overhead ratio', () => {
  it('passes at or under the allowed ratio and reports the figures', () => {
    const result = overheadAssertion('perf:x', summary(60), summary(30));
    expect(result.status).toBe('passed');
    expect(result.meta).toEqual({ ratio: 2, 'proxy p(95)': 60, 'direct p(95)': 30 });
  });

  it('reports both time-to-first-byte figures beside the ratio when the summaries have them', () => {
    const withTtfb = (p95: number, ttfb: number): K6Summary => ({
      metrics: {
        'http_req_duration{scenario:fanout}': { 'p(95)': p95 },
        'http_req_waiting{scenario:fanout}': { 'p(95)': ttfb },
      },
    });
    const result = overheadAssertion('perf:x', withTtfb(40, 3), withTtfb(32, 1));
    expect(result.meta).toEqual({
      ratio: 1.25,
      'proxy p(95)': 40,
      'direct p(95)': 32,
      'proxy ttfb p(95)': 3,
      'direct ttfb p(95)': 1,
    });
  });

  it('fails above the allowed ratio', () => {
    const result = overheadAssertion('perf:x', summary(30 * MAX_P95_OVERHEAD_RATIO + 1), summary(30));
    expect(result.status).toBe('failed');
    expect(result.failureMessages[0]).toMatch(/^ratio 3\.03/);
  });

  it('fails when a summary lacks the metric instead of passing vacuously', () => {
    expect(overheadAssertion('perf:x', { metrics: {} }, summary(30)).status).toBe('failed');
  });
});
