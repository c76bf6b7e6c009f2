/** The MetricsRecorder a server hands to its model plane: one record feeds both views. */
import { PrometheusMetrics } from './prometheus.ts';
import { ProviderStats } from './provider-stats.ts';
import type { MetricsRecorder, RequestObservation } from './recorder.ts';

export class ServerMetrics implements MetricsRecorder {
  readonly providers: ProviderStats;
  readonly prometheus: PrometheusMetrics;

  /** `openCircuits`: the model plane's targets (`provider/model`) whose circuit is open now. */
  constructor(
    windowSize: number,
    knownProviders: readonly string[],
    openCircuits: () => readonly string[] = () => [],
  ) {
    this.providers = new ProviderStats(windowSize, knownProviders, openCircuits);
    this.prometheus = new PrometheusMetrics(openCircuits);
  }

  record(observation: RequestObservation): void {
    this.providers.record(observation);
    this.prometheus.record(observation);
  }
}
