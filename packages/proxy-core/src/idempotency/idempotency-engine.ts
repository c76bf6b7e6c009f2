/**
 * Idempotency-Key semantics (draft-ietf-httpapi-idempotency-key-header-06) over an IdempotencyStore.
 *
 *   const begun = await engine.begin(idempotencyScope({ principal, route, key }), requestFingerprint(body));
 *   execute      → run the request, then complete(token, response) — or abandon(token) if it failed before a
 *                  response worth replaying existed (a retry should run again, not replay the failure)
 *   replay       → send begun.response as is (it carries `idempotent-replayed: true`)
 *   conflict-in-flight   → 409: the first request with this key is still running
 *   fingerprint-mismatch → 422: the key was already used with a different payload
 *
 * Records live `retentionMs` (default 24 h) from their completion; afterwards the key behaves as new.
 */
import { randomUUID } from 'node:crypto';
import type { IdempotencyScope, IdempotencyStore, StoredResponse } from '../store/control-plane-store.ts';

export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1_000;
/**
 * How long an in-flight claim is honoured. A claim still in flight after this is taken as abandoned by a
 * crashed process, so the key does not answer 409 for a whole day. It must exceed the longest request the
 * key guards (the model plane's total deadline, 10 min by default).
 */
export const DEFAULT_IN_FLIGHT_LEASE_MS = 15 * 60 * 1_000;
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

export interface IdempotencyOptions {
  readonly retentionMs?: number;
  readonly inFlightLeaseMs?: number;
  /** Epoch milliseconds; injected so tests move time instead of sleeping. */
  readonly now?: () => number;
}

/** Proof of holding a claim: only its holder can complete or abandon it. */
export interface IdempotencyToken {
  readonly scope: IdempotencyScope;
  readonly claimId: string;
}

export type BeginResult =
  | { readonly kind: 'execute'; readonly token: IdempotencyToken; readonly expiresAt: number }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'conflict-in-flight' }
  | { readonly kind: 'fingerprint-mismatch' };

export class IdempotencyEngine {
  readonly retentionMs: number;
  readonly inFlightLeaseMs: number;
  readonly #store: IdempotencyStore;
  readonly #now: () => number;

  constructor(store: IdempotencyStore, options: IdempotencyOptions = {}) {
    this.#store = store;
    this.retentionMs = positiveMs('retentionMs', options.retentionMs ?? DEFAULT_IDEMPOTENCY_RETENTION_MS);
    this.inFlightLeaseMs = positiveMs(
      'inFlightLeaseMs',
      options.inFlightLeaseMs ?? DEFAULT_IN_FLIGHT_LEASE_MS,
    );
    this.#now = options.now ?? Date.now;
  }

  async begin(scope: IdempotencyScope, fingerprint: string): Promise<BeginResult> {
    const now = this.#now();
    const claimId = randomUUID();
    const outcome = await this.#store.claimIdempotencyKey({
      scope,
      fingerprint,
      claimId,
      now,
      expiresAt: now + this.retentionMs,
      leaseExpiresAt: now + this.inFlightLeaseMs,
    });
    if (outcome.kind === 'claimed') {
      return { kind: 'execute', token: { scope, claimId }, expiresAt: now + this.retentionMs };
    }
    const { record } = outcome;
    // A different payload is the client's mistake whatever the first request's state: 422 before 409.
    if (record.fingerprint !== fingerprint) return { kind: 'fingerprint-mismatch' };
    if (record.response === null) return { kind: 'conflict-in-flight' };
    return {
      kind: 'replay',
      response: {
        ...record.response,
        headers: { ...record.response.headers, [IDEMPOTENT_REPLAYED_HEADER]: 'true' },
      },
    };
  }

  /**
   * Stores the response for replay. False when the claim was no longer held (its lease ran out and another
   * request took the key over, or it was swept): the response is still valid for this caller, just not stored.
   */
  complete(token: IdempotencyToken, response: StoredResponse): Promise<boolean> {
    const expiresAt = this.#now() + this.retentionMs;
    return this.#store.completeIdempotencyKey(token.scope, token.claimId, response, expiresAt);
  }

  /** Gives the key back so a retry executes; false when the claim was no longer held. */
  abandon(token: IdempotencyToken): Promise<boolean> {
    return this.#store.releaseIdempotencyKey(token.scope, token.claimId);
  }

  /** Deletes expired records and abandoned claims; run periodically. Returns how many were deleted. */
  sweepExpired(now: number = this.#now()): Promise<number> {
    return this.#store.sweepIdempotencyKeys(now);
  }
}

function positiveMs(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a whole number of milliseconds greater than 0, got ${value}`);
  }
  return value;
}
