/**
 * A replica's lease: a key that expires unless the replica renews it. Turns carry the id of the replica
 * running them; a turn whose replica's lease is gone (kill -9, lost host) is interrupted and may be resumed
 * by any replica, while a turn of a live replica is in progress and left alone.
 */
import type { GuardedRedis } from './guarded-redis.ts';
import type { RedisKeys } from './redis-keys.ts';

/** The lease is renewed this many times per lease period, so one missed renewal does not lose it. */
const RENEWALS_PER_LEASE = 3;

export class ReplicaLease {
  readonly replicaId: string;
  readonly #client: GuardedRedis;
  readonly #key: string;
  readonly #leaseMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(client: GuardedRedis, keys: RedisKeys, replicaId: string, leaseMs: number) {
    if (!Number.isInteger(leaseMs) || leaseMs < 300) {
      throw new RangeError('replicaLeaseMs must be a whole number of at least 300');
    }
    this.replicaId = replicaId;
    this.#client = client;
    this.#key = keys.replica(replicaId);
    this.#leaseMs = leaseMs;
  }

  async start(): Promise<void> {
    await this.#renew();
    this.#timer = setInterval(
      () => {
        // While Redis is unreachable renewals fail; the lease then lapses, as it should for a cut-off replica.
        this.#renew().catch(() => undefined);
      },
      Math.floor(this.#leaseMs / RENEWALS_PER_LEASE),
    );
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#client.del(this.#key);
  }

  async #renew(): Promise<void> {
    await this.#client.setWithExpiry(this.#key, String(Date.now()), this.#leaseMs);
  }
}
