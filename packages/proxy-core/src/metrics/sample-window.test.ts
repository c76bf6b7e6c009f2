import { describe, expect, it } from 'vitest';
import { ProviderStats } from './provider-stats.ts';
import { SampleWindow } from './sample-window.ts';

describe('SampleWindow', () => {
  it('computes nearest-rank percentiles', () => {
    const window = new SampleWindow(1000);
    for (let value = 1000; value >= 1; value -= 1) window.add(value);
    expect(window.percentile(50)).toBe(500);
    expect(window.percentile(95)).toBe(950);
    expect(window.percentile(99)).toBe(990);
    expect(window.percentile(100)).toBe(1000);
    expect(window.percentile(0)).toBe(1);
  });

  it('keeps only the latest samples once full', () => {
    const window = new SampleWindow(3);
    for (const value of [100, 100, 100, 1, 2, 3]) window.add(value);
    expect(window.size).toBe(3);
    expect(window.percentile(100)).toBe(3);
  });

  it('has no percentile without samples and rejects a useless capacity', () => {
    expect(new SampleWindow(4).percentile(50)).toBeNull();
    expect(() => new SampleWindow(0)).toThrow(RangeError);
  });
});

describe('ProviderStats', () => {
  it('counts failures, tokens and TTFT only when reported', () => {
    const stats = new ProviderStats(16, ['mock']);
    stats.record({ provider: 'mock', route: '/v1/messages', status: 200, success: false, latencyMs: 5.555 });
    expect(stats.snapshot()['mock']).toMatchObject({
      request_count: 1,
      failure_count: 1,
      success_rate: 0,
      total_tokens: 0,
      latency_p50_ms: 5.56,
      ttft_p50_ms: null,
    });
  });
});
