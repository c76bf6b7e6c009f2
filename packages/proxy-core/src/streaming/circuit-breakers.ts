/**
 * A circuit per fallback target (provider × model), for chains that have somewhere else to go (issue 10, S15).
 * After `failureThreshold` failures in a row that would fail over (429, 5xx, a silent or slow target), the
 * circuit opens: for `openMs` the chain skips that target and serves from the next, instead of making every
 * request pay for the failing one's retries and deadlines. Then one request probes it (half-open): success
 * closes the circuit — the primary serves again — failure opens it for another `openMs`.
 *
 * A circuit never blocks a target that is a request's only choice: without a fallback the request still tries
 * it and gets the real answer, as it would with no breaker at all. One set of circuits per plane (no globals).
 */
export interface CircuitSettings {
  readonly failureThreshold: number;
  readonly openMs: number;
}

interface Circuit {
  failures: number;
  openUntil: number;
  probing: boolean;
}

export class CircuitBreakers {
  private readonly settings: CircuitSettings;
  private readonly now: () => number;
  private readonly circuits = new Map<string, Circuit>();

  constructor(settings: CircuitSettings, now: () => number = Date.now) {
    this.settings = settings;
    this.now = now;
  }

  /**
   * Whether a chain may try `target` now: `closed`, `probe` (open long enough for this request to be its one
   * probe, which gets a single attempt) or `open` (skip it).
   */
  admit(target: string): 'closed' | 'probe' | 'open' {
    const circuit = this.circuits.get(target);
    if (circuit === undefined || circuit.openUntil === 0) return 'closed';
    if (circuit.openUntil > this.now() || circuit.probing) return 'open';
    circuit.probing = true;
    return 'probe';
  }

  /** The outcome of a try on `target`; only failures that would fail over count against it. */
  record(target: string, succeeded: boolean): void {
    const circuit = this.circuits.get(target) ?? { failures: 0, openUntil: 0, probing: false };
    if (succeeded) {
      this.circuits.delete(target);
      return;
    }
    circuit.failures += 1;
    if (circuit.probing || circuit.failures >= this.settings.failureThreshold) {
      circuit.openUntil = this.now() + this.settings.openMs;
      circuit.probing = false;
    }
    this.circuits.set(target, circuit);
  }

  /** Targets whose circuit is open right now (for metrics and the routing header). */
  openCount(): number {
    return this.openTargets().length;
  }

  /** The targets (`provider/model`) whose circuit is open right now. */
  openTargets(): string[] {
    const now = this.now();
    return [...this.circuits].filter(([, circuit]) => circuit.openUntil > now).map(([target]) => target);
  }
}
