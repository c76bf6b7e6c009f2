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
  /** Upstream calls made on this provider's targets, retries included, whoever served the request. */
  readonly attempt_count: number;
  /** Of those, the retries (attempts after a target's first). */
  readonly retry_count: number;
  /** Times a fallback chain gave up on one of this provider's targets and moved on to the next. */
  readonly fallback_count: number;
  /** Times a chain skipped one of this provider's targets because its circuit was open. */
  readonly circuit_skip_count: number;
  /** This provider's targets whose circuit is open right now. */
  readonly open_circuits: number;
}

class ProviderAccumulator {
  requests = 0;
  successes = 0;
  tokens = 0;
  attempts = 0;
  retries = 0;
  fallbacks = 0;
  circuitSkips = 0;
  readonly latency: SampleWindow;
  readonly ttft: SampleWindow;

  constructor(windowSize: number) {
    this.latency = new SampleWindow(windowSize);
    this.ttft = new SampleWindow(windowSize);
  }

  snapshot(openCircuits: number): ProviderMetrics {
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
      attempt_count: this.attempts,
      retry_count: this.retries,
      fallback_count: this.fallbacks,
      circuit_skip_count: this.circuitSkips,
      open_circuits: openCircuits,
    };
  }
}

export class ProviderStats {
  readonly #byProvider = new Map<string, ProviderAccumulator>();
  readonly #windowSize: number;
  readonly #openCircuits: () => readonly string[];

  constructor(
    windowSize: number,
    knownProviders: readonly string[] = [],
    /** The targets (`provider/model`) whose circuit is open now. */
    openCircuits: () => readonly string[] = () => [],
  ) {
    this.#windowSize = windowSize;
    this.#openCircuits = openCircuits;
    for (const provider of knownProviders) this.#accumulator(provider);
  }

  record(observation: RequestObservation): void {
    // Tries first: a failed chain's attempts count for their providers even when routing named none.
    for (const tried of observation.tries ?? []) {
      const stats = this.#accumulator(tried.provider);
      stats.attempts += tried.attempts;
      stats.retries += Math.max(0, tried.attempts - 1);
      if (tried.outcome === 'failed_over') stats.fallbacks += 1;
      if (tried.outcome === 'skipped') stats.circuitSkips += 1;
    }
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
    const open = openCircuitsByProvider(this.#openCircuits());
    return Object.fromEntries(
      names.map((name) => [name, this.#accumulator(name).snapshot(open.get(name) ?? 0)]),
    );
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

/** Open circuits counted per provider; a target is `provider/model` (provider names hold no `/`). */
export function openCircuitsByProvider(targets: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const target of targets) {
    const provider = target.slice(0, target.indexOf('/'));
    counts.set(provider, (counts.get(provider) ?? 0) + 1);
  }
  return counts;
}
