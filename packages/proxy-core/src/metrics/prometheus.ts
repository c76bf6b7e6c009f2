/**
 * Prometheus metrics on a registry owned by one server (never prom-client's global registry, so two
 * servers in one process — tests, or a blue/green swap — never share or double-register metrics).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { openCircuitsByProvider } from './provider-stats.ts';
import type { RequestObservation } from './recorder.ts';

const LABELS = ['provider', 'route', 'status'] as const;
/** The provider label of a request that failed before routing chose a provider. */
export const UNROUTED = 'unrouted';
/** Seconds; LLM calls span from tens of milliseconds (mock) to minutes (long reasoning streams). */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const TTFT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class PrometheusMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<(typeof LABELS)[number]>;
  readonly #latency: Histogram<(typeof LABELS)[number]>;
  readonly #ttft: Histogram<(typeof LABELS)[number]>;
  // Per target's provider only: a model label would let clients mint series with any model name they send.
  readonly #attempts: Counter<'provider'>;
  readonly #retries: Counter<'provider'>;
  readonly #fallbacks: Counter<'provider'>;
  readonly #circuitSkips: Counter<'provider'>;

  /** `openCircuits`: the targets (`provider/model`) whose circuit is open now, read at each scrape. */
  constructor(openCircuits: () => readonly string[] = () => []) {
    const registers = [this.registry];
    this.#requests = new Counter({
      name: 'switchyard_requests_total',
      help: 'Model requests by provider, route and HTTP status.',
      labelNames: LABELS,
      registers,
    });
    this.#latency = new Histogram({
      name: 'switchyard_request_duration_seconds',
      help: 'Model request duration from arrival to last byte.',
      labelNames: LABELS,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#ttft = new Histogram({
      name: 'switchyard_time_to_first_token_seconds',
      help: 'Time from request arrival to the first content token.',
      labelNames: LABELS,
      buckets: TTFT_BUCKETS,
      registers,
    });
    const perTarget = (name: string, help: string): Counter<'provider'> =>
      new Counter({ name, help, labelNames: ['provider'], registers });
    this.#attempts = perTarget(
      'switchyard_upstream_attempts_total',
      'Upstream calls made, retries included, by the provider of the target tried.',
    );
    this.#retries = perTarget(
      'switchyard_upstream_retries_total',
      'Upstream calls that retried a target after its own failure, by provider.',
    );
    this.#fallbacks = perTarget(
      'switchyard_fallbacks_total',
      'Times a fallback chain gave up on a target of this provider and moved on to the next.',
    );
    this.#circuitSkips = perTarget(
      'switchyard_circuit_skips_total',
      'Times a chain skipped a target of this provider because its circuit was open.',
    );
    new Gauge({
      name: 'switchyard_circuits_open',
      help: 'Fallback targets of this provider whose circuit is open now.',
      labelNames: ['provider'],
      registers,
      collect(): void {
        this.reset();
        for (const [provider, count] of openCircuitsByProvider(openCircuits())) this.set({ provider }, count);
      },
    });
  }

  record(observation: RequestObservation): void {
    const labels = {
      provider: observation.provider ?? UNROUTED,
      route: observation.route,
      status: String(observation.status),
    };
    this.#requests.inc(labels);
    this.#latency.observe(labels, observation.latencyMs / 1000);
    if (observation.ttftMs !== undefined) this.#ttft.observe(labels, observation.ttftMs / 1000);
    for (const tried of observation.tries ?? []) {
      const target = { provider: tried.provider };
      if (tried.attempts > 0) this.#attempts.inc(target, tried.attempts);
      if (tried.attempts > 1) this.#retries.inc(target, tried.attempts - 1);
      if (tried.outcome === 'failed_over') this.#fallbacks.inc(target);
      if (tried.outcome === 'skipped') this.#circuitSkips.inc(target);
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
