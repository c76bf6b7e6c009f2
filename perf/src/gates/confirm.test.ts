import { describe, expect, it } from 'vitest';
import { confirmFailures } from './confirm.ts';

const baseline = { 'latency-c1 latency p99': 2, 'sse-100 gap p99': 3 };

describe('confirmFailures: a crossed ratio gate is measured again before it fails', () => {
  it('re-measures only the failing figures and keeps the lowest ratio: noise passes', async () => {
    const asked: string[][] = [];
    const confirmed = await confirmFailures(
      { 'latency-c1 latency p99': 5, 'sse-100 gap p99': 3 },
      baseline,
      (names) => {
        asked.push([...names]);
        return Promise.resolve({ 'latency-c1 latency p99': 1.9, 'sse-100 gap p99': 99 });
      },
    );
    expect(asked).toEqual([['latency-c1 latency p99']]);
    expect(confirmed.ratios).toEqual({ 'latency-c1 latency p99': 1.9, 'sse-100 gap p99': 3 });
    expect(confirmed.measurements).toEqual({ 'latency-c1 latency p99': 2, 'sse-100 gap p99': 1 });
  });

  it('a regression that crosses the limit every time still fails after every extra measurement', async () => {
    let calls = 0;
    const confirmed = await confirmFailures({ 'sse-100 gap p99': 6 }, baseline, () => {
      calls += 1;
      return Promise.resolve({ 'sse-100 gap p99': 5 + calls });
    });
    expect(calls).toBe(2);
    expect(confirmed.ratios['sse-100 gap p99']).toBe(6);
    expect(confirmed.measurements['sse-100 gap p99']).toBe(3);
  });

  it('measures nothing again when every gate passes', async () => {
    const first = { 'latency-c1 latency p99': 2.2, 'sse-100 gap p99': 3 };
    const confirmed = await confirmFailures(first, baseline, () => {
      throw new Error('must not re-measure');
    });
    expect(confirmed.measurements).toEqual({ 'latency-c1 latency p99': 1, 'sse-100 gap p99': 1 });
    expect(confirmed.ratios).toEqual(first);
  });
});
