/**
 * Per-provider counters and latency windows behind GET /v1/metrics/providers. Unlike upstream, the
 * latency and time-to-first-token percentiles are really computed from recorded requests.
 */
import type { RequestObservation } from './recorder.ts';
import { SampleWindow } from './sample-window.ts';

export interface ProviderMetrics {
  readonly request_count: number;
  readonly success_count: number;
  readonly failure_count: number;
  readonly total_tokens: number;
  /** success / requests; 1.0 before any traffic. */
  readonly success_rate: number;
  /** Milliseconds; null until a request was recorded. */
  readonly latency_p50_ms: number | null;
  readonly latency_p95_ms: number | null;
  readonly latency_p99_ms: number | null;
  readonly ttft_p50_ms: number | null;
  readonly ttft_p95_ms: number | null;
  readonly ttft_p99_ms: number | null;
}

class ProviderAccumulator {
  requests = 0;
  successes = 0;
  tokens = 0;
  readonly latency: SampleWindow;
  readonly ttft: SampleWindow;

  constructor(windowSize: number) {
    this.latency = new SampleWindow(windowSize);
    this.ttft = new SampleWindow(windowSize);
  }

  snapshot(): ProviderMetrics {
    const round = (value: number | null): number | null =>
      value === null ? null : Math.round(value * 100) / 100;
    return {
      request_count: this.requests,
      success_count: this.successes,
      failure_count: this.requests - this.successes,
      total_tokens: this.tokens,
      success_rate: this.requests === 0 ? 1 : this.successes / this.requests,
      latency_p50_ms: round(this.latency.percentile(50)),
      latency_p95_ms: round(this.latency.percentile(95)),
      latency_p99_ms: round(this.latency.percentile(99)),
      ttft_p50_ms: round(this.ttft.percentile(50)),
      ttft_p95_ms: round(this.ttft.percentile(95)),
      ttft_p99_ms: round(this.ttft.percentile(99)),
    };
  }
}

export class ProviderStats {
  readonly #byProvider = new Map<string, ProviderAccumulator>();
  readonly #windowSize: number;

  constructor(windowSize: number, knownProviders: readonly string[] = []) {
    this.#windowSize = windowSize;
    for (const provider of knownProviders) this.#accumulator(provider);
  }

  record(observation: RequestObservation): void {
    if (observation.provider === undefined) return;
    const stats = this.#accumulator(observation.provider);
    stats.requests += 1;
    if (observation.success) stats.successes += 1;
    stats.tokens += observation.totalTokens ?? 0;
    stats.latency.add(observation.latencyMs);
    if (observation.ttftMs !== undefined) stats.ttft.add(observation.ttftMs);
  }

  /** Keyed by provider, in a stable (sorted) order. */
  snapshot(): Record<string, ProviderMetrics> {
    const names = [...this.#byProvider.keys()].sort();
    return Object.fromEntries(names.map((name) => [name, this.#accumulator(name).snapshot()]));
  }

  #accumulator(provider: string): ProviderAccumulator {
    let stats = this.#byProvider.get(provider);
    if (stats === undefined) {
      stats = new ProviderAccumulator(this.#windowSize);
      this.#byProvider.set(provider, stats);
    }
    return stats;
  }
}
