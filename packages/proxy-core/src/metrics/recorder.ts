/**
 * What the model plane reports about each request. The server owns the implementation (the
 * /v1/metrics/providers JSON and the Prometheus /metrics); routes only call `record`.
 */
export interface RequestObservation {
  /**
   * Provider that served (or failed) the request, e.g. `mock`, `openai`; undefined when the request failed
   * before routing chose one (a bad body, an unknown model): no provider's failure, so it counts in
   * Prometheus as `provider="unrouted"` and in no entry of /v1/metrics/providers.
   */
  readonly provider: string | undefined;
  /** Route template, e.g. `/v1/chat/completions`. */
  readonly route: string;
  /** HTTP status sent to the client (for streams: 200, with `success` false when the stream failed). */
  readonly status: number;
  readonly success: boolean;
  /** Request start to last byte, in milliseconds. */
  readonly latencyMs: number;
  /** Request start to the first content token, in milliseconds; absent when none was produced. */
  readonly ttftMs?: number;
  readonly totalTokens?: number;
  /**
   * Each upstream target the call tried or skipped, in order: its provider, attempts and how it ended. Counted
   * per target's provider (a fallback's attempts are its own provider's, whoever served).
   */
  readonly tries?: readonly TargetTryObservation[];
}

export interface TargetTryObservation {
  readonly provider: string;
  /** Provider calls made on the target: 1 + its retries, 0 when skipped. */
  readonly attempts: number;
  readonly outcome: 'served' | 'failed_over' | 'failed' | 'skipped';
}

export interface MetricsRecorder {
  record(observation: RequestObservation): void;
}
