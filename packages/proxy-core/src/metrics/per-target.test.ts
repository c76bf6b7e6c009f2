import { describe, expect, it } from 'vitest';
import type { RequestObservation } from './recorder.ts';
import { ServerMetrics } from './server-metrics.ts';

/** A chain whose primary (deepseek) failed after 3 attempts and whose fallback (kimi) served at once. */
const failedOver: RequestObservation = {
  provider: 'kimi',
  route: '/v1/chat/completions',
  status: 200,
  success: true,
  latencyMs: 40,
  tries: [
    { provider: 'deepseek', attempts: 3, outcome: 'failed_over' },
    { provider: 'kimi', attempts: 1, outcome: 'served' },
  ],
};
/** The next request skipped deepseek: its circuit was open. */
const skipped: RequestObservation = {
  ...failedOver,
  tries: [
    { provider: 'deepseek', attempts: 0, outcome: 'skipped' },
    { provider: 'kimi', attempts: 1, outcome: 'served' },
  ],
};

describe('per-target counters: attempts, retries, fallbacks, skipped and open circuits', () => {
  it('counts each try for the provider of its target in /v1/metrics/providers', () => {
    const open = ['deepseek/deepseek-chat'];
    const metrics = new ServerMetrics(16, ['deepseek', 'kimi'], () => open);
    metrics.record(failedOver);
    metrics.record(skipped);
    const { deepseek, kimi } = metrics.providers.snapshot();
    expect(deepseek).toMatchObject({
      request_count: 0, // it served nothing
      attempt_count: 3,
      retry_count: 2,
      fallback_count: 1,
      circuit_skip_count: 1,
      open_circuits: 1,
    });
    expect(kimi).toMatchObject({
      request_count: 2,
      attempt_count: 2,
      retry_count: 0,
      fallback_count: 0,
      circuit_skip_count: 0,
      open_circuits: 0,
    });
  });

  it('exports the same counts to Prometheus, and the open circuits as read at scrape time', async () => {
    let open: string[] = ['deepseek/deepseek-chat', 'deepseek/deepseek-reasoner'];
    const metrics = new ServerMetrics(16, ['deepseek', 'kimi'], () => open);
    metrics.record(failedOver);
    metrics.record(skipped);
    const text = await metrics.prometheus.text();
    expect(text).toContain('switchyard_upstream_attempts_total{provider="deepseek"} 3');
    expect(text).toContain('switchyard_upstream_attempts_total{provider="kimi"} 2');
    expect(text).toContain('switchyard_upstream_retries_total{provider="deepseek"} 2');
    expect(text).toContain('switchyard_fallbacks_total{provider="deepseek"} 1');
    expect(text).toContain('switchyard_circuit_skips_total{provider="deepseek"} 1');
    expect(text).toContain('switchyard_circuits_open{provider="deepseek"} 2');
    open = [];
    expect(await metrics.prometheus.text()).not.toMatch(/switchyard_circuits_open\{provider="deepseek"\}/);
  });
});
