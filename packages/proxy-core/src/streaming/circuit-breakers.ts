/**
 * A circuit per fallback target (provider × model), for chains that have somewhere else to go (issue 10, S15).
 * After `failureThreshold` failures in a row that would fail over (429, 5xx, a silent or slow target), the
 * circuit opens: for `openMs` the chain skips that target and serves from the next, instead of making every
 * request pay for the failing one's retries and deadlines. Then one request probes it (half-open): success
 * closes the circuit — the primary serves again — failure opens it for another `openMs`.
 *
 * A circuit never blocks a target that is a request's only choice: without a fallback the request still tries
 * it and gets the real answer, as it would with no breaker at all. One set of circuits per plane (no globals).
 *
 * With a relay (replicas on a shared store), opening and closing are announced and applied across replicas:
 * one replica's failures open the circuit for all, and a successful probe anywhere closes it everywhere. Each
 * replica still sends its own probe when `openMs` has passed.
 */
import { MAX_PER_MODEL_ENTRIES, setBounded } from '../providers/shared/bounded-map.ts';
import { Relay } from '../providers/shared/relay.ts';

/** A circuit that opened (`openUntil` > 0, epoch ms) or closed (`openUntil` 0) on another replica. */
export interface SharedCircuit {
  readonly target: string;
  readonly openUntil: number;
}

export class CircuitRelay extends Relay<SharedCircuit> {}

/** An announcement from another replica, checked field by field; undefined when it is not one. */
export function parseSharedCircuit(message: unknown): SharedCircuit | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { target, openUntil } = message as Record<string, unknown>;
  return typeof target === 'string' && typeof openUntil === 'number' && Number.isFinite(openUntil)
    ? { target, openUntil }
    : undefined;
}

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

  private readonly relay: CircuitRelay | undefined;

  constructor(settings: CircuitSettings, now: () => number = Date.now, relay?: CircuitRelay) {
    this.settings = settings;
    this.now = now;
    this.relay = relay;
    relay?.listen((shared) => this.applyShared(shared));
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
      // Only a circuit that was open is news to the other replicas.
      if (this.circuits.delete(target) && circuit.openUntil !== 0)
        this.relay?.announce({ target, openUntil: 0 });
      return;
    }
    circuit.failures += 1;
    if (circuit.probing || circuit.failures >= this.settings.failureThreshold) {
      circuit.openUntil = this.now() + this.settings.openMs;
      circuit.probing = false;
      this.relay?.announce({ target, openUntil: circuit.openUntil });
    }
    // Bounded: targets can come from a client's x-switchyard-fallback header.
    setBounded(this.circuits, target, circuit, MAX_PER_MODEL_ENTRIES);
  }

  /** Another replica opened or closed a circuit: follow it (an open circuit is never shortened). */
  private applyShared(shared: SharedCircuit): void {
    const circuit = this.circuits.get(shared.target);
    if (shared.openUntil === 0) {
      // Closed elsewhere after a successful probe; a probe of ours still in flight reports its own outcome.
      if (circuit !== undefined && !circuit.probing) this.circuits.delete(shared.target);
      return;
    }
    if (circuit !== undefined && circuit.openUntil >= shared.openUntil) return;
    const opened = {
      failures: this.settings.failureThreshold,
      openUntil: shared.openUntil,
      probing: circuit?.probing ?? false,
    };
    setBounded(this.circuits, shared.target, opened, MAX_PER_MODEL_ENTRIES);
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
