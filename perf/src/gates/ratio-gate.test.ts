import { describe, expect, it } from 'vitest';
import { judge } from './ratio-gate.ts';

describe('ratio gates against the stored baseline', () => {
  it('lets a p99 ratio grow by 10 % and a p95 ratio by 15 %, no more', () => {
    const baseline = { 'latency-c1 latency p99': 2, 'latency-c1 latency p95': 2 };
    const verdicts = judge({ 'latency-c1 latency p99': 2.2, 'latency-c1 latency p95': 2.3 }, baseline);
    expect(verdicts.map((v) => [v.name, v.limit, v.passed])).toEqual([
      ['latency-c1 latency p99', 2.2, true],
      ['latency-c1 latency p95', 2.3, true],
    ]);
    const regressed = judge({ 'latency-c1 latency p99': 2.21, 'latency-c1 latency p95': 2.31 }, baseline);
    expect(regressed.every((v) => !v.passed)).toBe(true);
  });

  it('passes an improvement and fails a figure the run did not measure', () => {
    const verdicts = judge({ 'sse-100 gap p99': 0.5 }, { 'sse-100 gap p99': 3, 'ws-100 gap p99': 3 });
    expect(verdicts.map((v) => v.passed)).toEqual([true, false]);
  });
});
