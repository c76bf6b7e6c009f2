/**
 * Prometheus metrics on a registry owned by one server (never prom-client's global registry, so two
 * servers in one process — tests, or a blue/green swap — never share or double-register metrics).
 */
import { Counter, Histogram, Registry } from 'prom-client';
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

  constructor() {
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
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
