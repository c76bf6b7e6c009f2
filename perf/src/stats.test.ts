import { describe, expect, it } from 'vitest';
import { median, medianOfRounds, percentile, percentiles, ratio, slope } from './stats.ts';

describe('perf statistics', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });

  it('reports the median of rounds field by field, so one noisy round does not move it', () => {
    const calm = percentiles([1, 2, 3]);
    const noisy = { p50: 100, p95: 100, p99: 100, max: 100 };
    expect(medianOfRounds([calm, noisy, calm])).toEqual(calm);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('fits a least-squares slope (RSS MiB per minute)', () => {
    expect(
      slope([
        [0, 100],
        [1, 102],
        [2, 104],
      ]),
    ).toBeCloseTo(2);
    expect(slope([[0, 5]])).toBe(0);
  });

  it('gives NaN for a ratio to a baseline that is not positive', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
  });
});
