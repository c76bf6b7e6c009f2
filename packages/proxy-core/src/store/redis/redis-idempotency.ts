/**
 * The IdempotencyStore half of RedisStore: exactly one claimer per scope across every replica (the claim is
 * one Lua script), a lease so a replica that dies mid-request frees the key when the lease runs out, and
 * records that Redis expires by itself.
 */
import type {
  ClaimOutcome,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyScope,
  IdempotencyStore,
  StoredResponse,
} from '../control-plane-store.ts';
import { CLAIM, COMPLETE, RELEASE, SWEEP } from './idempotency-scripts.ts';
import type { GuardedRedis } from './guarded-redis.ts';
import type { RedisKeys } from './redis-keys.ts';

/**
 * Redis keeps a record this long past the moment it goes stale by the replicas' clocks. Staleness itself is
 * judged in the scripts against the caller's `now`; the grace only absorbs clock skew between replicas (and
 * injected clocks in tests), so Redis never drops a record a replica still considers live.
 */
export const EXPIRY_GRACE_MS = 60_000;

const ttl = (until: number, now: number): string => String(Math.max(1, until - now) + EXPIRY_GRACE_MS);

function toRecord(scope: IdempotencyScope, flat: readonly string[]): IdempotencyRecord {
  const fields = new Map<string, string>();
  for (let index = 0; index + 1 < flat.length; index += 2) fields.set(flat[index]!, flat[index + 1]!);
  const field = (name: string): string => {
    const value = fields.get(name);
    if (value === undefined) throw new Error(`idempotency record ${scope.keyHash} has no ${name}`);
    return value;
  };
  const completed = field('state') === 'completed';
  const response: StoredResponse | null = completed
    ? {
        status: Number(field('status')),
        headers: JSON.parse(field('headers')) as Record<string, string>,
        body: field('body'),
      }
    : null;
  return {
    scope: { ...scope },
    fingerprint: field('fingerprint'),
    state: completed ? 'completed' : 'in_flight',
    claimId: field('claim_id'),
    response,
    createdAt: Number(field('created_at')),
    expiresAt: Number(field('expires_at')),
    leaseExpiresAt: Number(field('lease_expires_at')),
  };
}

export class RedisIdempotency implements IdempotencyStore {
  readonly #client: GuardedRedis;
  readonly #keys: RedisKeys;
  readonly #now: () => number;

  constructor(client: GuardedRedis, keys: RedisKeys, now: () => number) {
    this.#client = client;
    this.#keys = keys;
    this.#now = now;
  }

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimOutcome> {
    const staleAt = Math.min(claim.expiresAt, claim.leaseExpiresAt);
    const reply = (await CLAIM.run(this.#client, this.#recordKeys(claim.scope), [
      String(claim.now),
      claim.fingerprint,
      claim.claimId,
      String(claim.expiresAt),
      String(claim.leaseExpiresAt),
      ttl(staleAt, claim.now),
      String(staleAt),
    ])) as string[];
    if (reply.length === 0) return { kind: 'claimed' };
    return { kind: 'existing', record: toRecord(claim.scope, reply) };
  }

  async completeIdempotencyKey(
    scope: IdempotencyScope,
    claimId: string,
    response: StoredResponse,
    expiresAt: number,
  ): Promise<boolean> {
    const reply = await COMPLETE.run(this.#client, this.#recordKeys(scope), [
      claimId,
      String(response.status),
      JSON.stringify(response.headers),
      response.body,
      String(expiresAt),
      ttl(expiresAt, this.#now()),
    ]);
    return reply === 1;
  }

  async releaseIdempotencyKey(scope: IdempotencyScope, claimId: string): Promise<boolean> {
    return (await RELEASE.run(this.#client, this.#recordKeys(scope), [claimId])) === 1;
  }

  async sweepIdempotencyKeys(now: number): Promise<number> {
    return Number(await SWEEP.run(this.#client, [this.#keys.idempotencyExpiry], [String(now)]));
  }

  #recordKeys(scope: IdempotencyScope): string[] {
    return [this.#keys.idempotency(scope), this.#keys.idempotencyExpiry];
  }
}
