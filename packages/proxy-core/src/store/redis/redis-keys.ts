/**
 * Every key the RedisStore writes, in one place, under one prefix (default `switchyard:`), so several
 * deployments can share a Redis database and an operator can see at a glance what belongs to Switchyard.
 *
 * Per session:   <p>session:<id>            HASH  v (write version), session (JSON), last_event_id,
 *                                                 pruned_through, running_turn
 *                <p>session:<id>:messages   LIST  message JSON, in seq order
 *                <p>session:<id>:events     ZSET  event JSON scored by event id
 *                <p>session:<id>:event-ages ZSET  event id scored by created_at (age retention)
 * Per turn:      <p>turn:<id>               STRING turn JSON
 * Global:        <p>running-turns           ZSET  running turn ids, scored by creation order
 *                <p>turn-seq                counter for that order
 *                <p>turn-runners            HASH  running turn id → replica running it
 *                <p>replica:<id>            STRING a live replica's lease (expires when it stops renewing)
 *                <p>event-logs              SET   sessions with retained events (what pruning visits)
 *                <p>events                  pub/sub channel: a session id, published on every append
 *                <p>broadcast:<topic>       pub/sub channel: routing state replicas share (key cooldowns)
 * Idempotency:   <p>idem:<principal>:<route>:<sha256>  HASH, expired by Redis (PEXPIRE)
 *                <p>idem-expiry             ZSET  record keys scored by when they go stale (for the sweep)
 *
 * Keys of one session are computed inside Lua from the prefix, so the store needs a single Redis (or a
 * primary with replicas / Sentinel), not Redis Cluster.
 */
import type { IdempotencyScope } from '../control-plane-store.ts';

export const DEFAULT_KEY_PREFIX = 'switchyard:';

export class RedisKeys {
  readonly prefix: string;

  constructor(prefix: string = DEFAULT_KEY_PREFIX) {
    this.prefix = prefix;
  }

  session(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }
  messages(sessionId: string): string {
    return `${this.session(sessionId)}:messages`;
  }
  events(sessionId: string): string {
    return `${this.session(sessionId)}:events`;
  }
  turn(turnId: string): string {
    return `${this.prefix}turn:${turnId}`;
  }
  get runningTurns(): string {
    return `${this.prefix}running-turns`;
  }
  get turnRunners(): string {
    return `${this.prefix}turn-runners`;
  }
  replica(replicaId: string): string {
    return `${this.prefix}replica:${replicaId}`;
  }
  get eventLogs(): string {
    return `${this.prefix}event-logs`;
  }
  get eventsChannel(): string {
    return `${this.prefix}events`;
  }
  /** A pub/sub topic every replica hears (e.g. key cooldowns). */
  broadcast(topic: string): string {
    return `${this.prefix}broadcast:${topic}`;
  }
  /** Only the hash of the client's key is part of the name; principal and route are percent-encoded. */
  idempotency(scope: IdempotencyScope): string {
    const part = encodeURIComponent;
    return `${this.prefix}idem:${part(scope.principal)}:${part(scope.route)}:${scope.keyHash}`;
  }
  get idempotencyExpiry(): string {
    return `${this.prefix}idem-expiry`;
  }
}
