/**
 * What the model call needs to know of its policy: the deadlines of one provider and how to retry. The config
 * schema (model-plane/config-schema.ts) produces values of these shapes; streaming depends on nothing above it.
 */

/** The four deadlines that apply to one provider: its overrides on top of the global values. */
export interface Deadlines {
  readonly connectTimeoutMs: number;
  readonly firstTokenTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly totalTimeoutMs: number;
}

/** Retries happen only before the first byte reaches the client. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
}
