/**
 * The scale-out ControlPlaneStore: sessions, messages, turns, event logs and idempotency records in Redis,
 * shared by every replica pointed at the same server. It keeps the guarantees of SqliteStore (the contract
 * suite runs against both): each write is one atomic Lua script (whole or absent), event ids are per-session
 * and monotonic (a counter in the session, never reused after pruning), retention by count on every append
 * and by age in `pruneEvents`, one execution per Idempotency-Key across replicas, sessions owned by their
 * creator. What Redis adds: a pub/sub wake-up per append, so `/events` on any replica follows a turn running
 * on another (see subscribeSessionEvents), and replica leases, so a turn is "interrupted" only when the
 * replica running it is gone.
 *
 * Durability is Redis's: with `appendonly yes` (recommended) an acknowledged write survives a Redis restart;
 * with snapshots only, the last seconds may be lost — but never half a write.
 */
import { randomUUID } from 'node:crypto';
import type {
  EventsPage,
  JsonObject,
  Message,
  Session,
  SessionEvent,
  SessionEventType,
  Turn,
} from '../records.ts';
import type {
  AppendedUserMessage,
  AppendUserMessageInput,
  ClaimOutcome,
  CompleteTurnInput,
  ControlPlaneStore,
  EndSessionOptions,
  FailTurnInput,
  IdempotencyClaim,
  IdempotencyScope,
  StoredResponse,
  TurnWrite,
} from '../control-plane-store.ts';
import { sessionEnded, sessionNotFound, StoreError, turnInProgress, turnNotRunning } from '../errors.ts';
import { messagePayload, statusPayload, turnPayload } from '../event-payloads.ts';
import { newTurnId } from '../ids.ts';
import { newRunningTurn, newSession } from '../new-records.ts';
import {
  assertEventId,
  DEFAULT_SESSION_MODEL,
  resolveStoreOptions,
  type ResolvedStoreOptions,
  type StoreOptions,
} from '../store-options.ts';
import { openBroadcast, type Broadcast } from './broadcast.ts';
import { EVENTS_SINCE } from './read-scripts.ts';
import { GuardedRedis } from './guarded-redis.ts';
import { connectRedis, type RedisConnectionOptions } from './redis-client.ts';
import { RedisIdempotency } from './redis-idempotency.ts';
import { RedisKeys } from './redis-keys.ts';
import { ReplicaLease } from './replica-lease.ts';
import { ADOPT_TURN, COMMIT, INTERRUPTED_TURNS, PRUNE_SESSION } from './session-scripts.ts';
import { parseSnapshot, SessionWrite, type SessionSnapshot } from './session-write.ts';
import { subscribeSessionEvents, type SessionWake } from './session-events.ts';

export interface RedisStoreOptions extends StoreOptions, RedisConnectionOptions {
  /** Prefix of every key (default `switchyard:`); deployments sharing one Redis database use different ones. */
  readonly keyPrefix?: string;
  /** How long a replica that stopped renewing its lease still counts as running its turns (default 15 s). */
  readonly replicaLeaseMs?: number;
}

/** A write built on a snapshot another replica changed meanwhile is rebuilt; this bounds the rebuilds. */
const MAX_WRITE_ATTEMPTS = 100;

const parse = <T>(json: string): T => JSON.parse(json) as T;

/** This replica lost its lease (cut off from Redis) and another one resumed its turn meanwhile. */
const turnAdoptedElsewhere = (sessionId: string): StoreError =>
  new StoreError(
    'turn_not_running',
    `the running turn of session ${sessionId} was resumed by another replica while this one was cut off from Redis`,
  );

export class RedisStore implements ControlPlaneStore {
  readonly #client: GuardedRedis;
  readonly #options: ResolvedStoreOptions;
  readonly #keys: RedisKeys;
  readonly #idempotency: RedisIdempotency;
  readonly #lease: ReplicaLease;

  /** Connects, takes this replica's lease and returns the store; rejects when Redis cannot be reached. */
  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    const resolved = resolveStoreOptions(options);
    const client = new GuardedRedis(
      await connectRedis(options).catch((error: unknown) => {
        const cause = error instanceof Error ? error.message : String(error);
        throw new StoreError(
          'store_unavailable',
          `${cause}. Check controlPlane.store.url and that the Redis server is running.`,
        );
      }),
    );
    const keys = new RedisKeys(options.keyPrefix);
    const lease = new ReplicaLease(client, keys, randomUUID(), options.replicaLeaseMs ?? 15_000);
    try {
      await lease.start();
    } catch (error) {
      client.client.destroy();
      throw error;
    }
    return new RedisStore(client, resolved, keys, lease);
  }

  private constructor(
    client: GuardedRedis,
    options: ResolvedStoreOptions,
    keys: RedisKeys,
    lease: ReplicaLease,
  ) {
    this.#client = client;
    this.#options = options;
    this.#keys = keys;
    this.#lease = lease;
    this.#idempotency = new RedisIdempotency(client, keys, options.now);
  }

  /** This replica's id, as recorded on the turns it runs. */
  get replicaId(): string {
    return this.#lease.replicaId;
  }

  async getSession(sessionId: string): Promise<Session | undefined> {
    return (await this.#snapshot(sessionId)).session;
  }

  appendUserMessage(input: AppendUserMessageInput): Promise<AppendedUserMessage> {
    return this.#write(input.sessionId, (snapshot) => {
      const now = this.#options.now();
      const owner = input.owner ?? null;
      const existing = snapshot.session;
      // Someone else's session reads as unknown, before any refusal that would reveal it exists.
      if (existing && existing.owner !== owner) throw sessionNotFound(input.sessionId);
      if (!existing && input.existingOnly === true) throw sessionNotFound(input.sessionId);
      if (existing?.status === 'ended') throw sessionEnded(input.sessionId);
      if (existing && snapshot.runningTurn !== '')
        throw turnInProgress(input.sessionId, snapshot.runningTurn);
      const session =
        existing ?? newSession(input.sessionId, input.model ?? DEFAULT_SESSION_MODEL, owner, now);
      const write = new SessionWrite(session, snapshot);
      const turnId = newTurnId();
      const message = write.pushMessage('user', input.content, turnId, now);
      const turn = write.putTurn(newRunningTurn(turnId, input.sessionId, input.capability, message.id, now));
      const updated = write.setStatus('running', session.lastError, now);
      write.pushEvent('status', statusPayload(updated), now);
      write.pushEvent('message', messagePayload(message), now);
      write.pushEvent('turn', turnPayload(turn), now);
      return { write, result: { session: updated, turn, message, sessionCreated: !existing } };
    });
  }

  async completeTurn(input: CompleteTurnInput): Promise<TurnWrite> {
    const running = await this.#turnOrThrow(input.turnId);
    return this.#write(running.sessionId, (snapshot) => {
      const write = this.#runningTurnWrite(snapshot, running);
      const now = this.#options.now();
      const message = write.pushMessage('assistant', input.content, running.id, now);
      const turn = write.putTurn({
        ...running,
        state: 'done',
        assistantMessageId: message.id,
        updatedAt: now,
      });
      write.pushEvent('message', messagePayload(message), now);
      write.pushEvent('turn', turnPayload(turn), now);
      this.#closeTurnStatus(write, 'idle', write.session.lastError, now);
      return { write, result: { session: write.session, turn, message } };
    });
  }

  async failTurn(input: FailTurnInput): Promise<{ readonly session: Session; readonly turn: Turn }> {
    const running = await this.#turnOrThrow(input.turnId);
    return this.#write(running.sessionId, (snapshot) => {
      const write = this.#runningTurnWrite(snapshot, running);
      const now = this.#options.now();
      const turn = write.putTurn({ ...running, state: 'failed', error: input.error, updatedAt: now });
      write.pushEvent('turn', turnPayload(turn), now);
      this.#closeTurnStatus(write, 'failed', input.error, now);
      return { write, result: { session: write.session, turn } };
    });
  }

  async endSession(sessionId: string, options: EndSessionOptions = {}): Promise<Session> {
    return this.#write(sessionId, async (snapshot) => {
      const session = snapshot.session;
      if (!session) throw sessionNotFound(sessionId);
      const error = options.failRunningTurn;
      const running =
        error === undefined || snapshot.runningTurn === ''
          ? undefined
          : await this.getTurn(snapshot.runningTurn);
      if (session.status === 'ended' && !running) return { write: undefined, result: session };
      const write = new SessionWrite(session, snapshot);
      const now = this.#options.now();
      let lastError = session.lastError;
      if (running && error !== undefined) {
        const turn = write.putTurn({ ...running, state: 'failed', error, updatedAt: now });
        write.pushEvent('turn', turnPayload(turn), now);
        lastError = error;
      }
      const ended = write.setStatus('ended', lastError, now);
      // Already ended: only the failed turn's error is recorded, as failTurn does on an ended session.
      if (session.status !== 'ended') write.pushEvent('status', statusPayload(ended), now);
      return { write, result: ended };
    });
  }

  async getTurn(turnId: string): Promise<Turn | undefined> {
    const json = await this.#client.get(this.#keys.turn(turnId));
    return json === null ? undefined : parse<Turn>(json);
  }

  async findInterruptedTurns(sessionId?: string): Promise<readonly Turn[]> {
    const rows = (await INTERRUPTED_TURNS.run(
      this.#client,
      [],
      [this.#keys.prefix, this.replicaId, sessionId ?? ''],
    )) as string[];
    return rows.map((row) => parse<Turn>(row));
  }

  /**
   * Makes this replica the runner of an interrupted turn before it resumes it; false when another live replica
   * runs it or it is no longer running, so one turn is never resumed by two replicas at once.
   */
  async adoptInterruptedTurn(turnId: string): Promise<boolean> {
    const reply = await ADOPT_TURN.run(this.#client, [], [this.#keys.prefix, turnId, this.replicaId]);
    return reply === 1;
  }

  async listMessages(sessionId: string): Promise<readonly Message[]> {
    const rows = await this.#client.lRange(this.#keys.messages(sessionId), 0, -1);
    return rows.map((row) => parse<Message>(row));
  }

  appendEvent(sessionId: string, type: SessionEventType, data: JsonObject): Promise<SessionEvent> {
    return this.#write(sessionId, (snapshot) => {
      if (!snapshot.session) throw sessionNotFound(sessionId);
      if (snapshot.session.status === 'ended') throw sessionEnded(sessionId);
      const write = new SessionWrite(snapshot.session, snapshot);
      return { write, result: write.pushEvent(type, data, this.#options.now()) };
    });
  }

  async eventsSince(sessionId: string, afterId: number, limit?: number): Promise<EventsPage> {
    assertEventId(afterId);
    const reply = (await EVENTS_SINCE.run(
      this.#client,
      [],
      [this.#keys.prefix, sessionId, String(afterId), String(limit ?? -1)],
    )) as [number, number, number, ...string[]];
    const [exists, lastEventId, prunedThrough, ...rows] = reply;
    if (exists === 0) return { events: [], windowExceeded: false, lastEventId: 0 };
    return {
      events: rows.map((row) => parse<SessionEvent>(row)),
      windowExceeded: afterId < prunedThrough,
      lastEventId,
    };
  }

  async pruneEvents(now: number = this.#options.now()): Promise<number> {
    const { maxEventsPerSession, maxEventAgeMs } = this.#options.eventRetention;
    let deleted = 0;
    // Each session is pruned atomically on its own; sessions without retained events are not visited.
    for (const sessionId of await this.#client.sMembers(this.#keys.eventLogs)) {
      const args = [this.#keys.prefix, sessionId, String(maxEventsPerSession), String(now - maxEventAgeMs)];
      deleted += Number(await PRUNE_SESSION.run(this.#client, [], args));
    }
    return deleted;
  }

  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimOutcome> {
    return this.#idempotency.claimIdempotencyKey(claim);
  }

  completeIdempotencyKey(
    scope: IdempotencyScope,
    claimId: string,
    response: StoredResponse,
    expiresAt: number,
  ): Promise<boolean> {
    return this.#idempotency.completeIdempotencyKey(scope, claimId, response, expiresAt);
  }

  releaseIdempotencyKey(scope: IdempotencyScope, claimId: string): Promise<boolean> {
    return this.#idempotency.releaseIdempotencyKey(scope, claimId);
  }

  sweepIdempotencyKeys(now: number): Promise<number> {
    return this.#idempotency.sweepIdempotencyKeys(now);
  }

  /** Wakes `wake(sessionId)` on every append by any replica; `wake(undefined)` after a reconnect. */
  subscribeSessionEvents(wake: SessionWake): Promise<() => Promise<void>> {
    return subscribeSessionEvents(this.#client.client, this.#keys, wake);
  }

  /** A topic every other replica on this Redis hears; see broadcast.ts. */
  openBroadcast(topic: string, receive: (message: unknown) => void): Promise<Broadcast> {
    return openBroadcast(this.#client.client, this.#keys, this.replicaId, topic, receive);
  }

  /** Gives up the lease (this replica's running turns become resumable at once) and disconnects. */
  async close(): Promise<void> {
    if (!this.#client.client.isOpen) return;
    await this.#lease.stop().catch(() => undefined);
    this.#client.client.destroy();
  }

  async #snapshot(sessionId: string): Promise<SessionSnapshot> {
    return parseSnapshot(await this.#client.hGetAll(this.#keys.session(sessionId)));
  }

  async #turnOrThrow(turnId: string): Promise<Turn> {
    const turn = await this.getTurn(turnId);
    if (turn?.state !== 'running') throw turnNotRunning(turnId);
    return turn;
  }

  /** A write on the session of `turn`, refused unless that turn is the session's running turn right now. */
  #runningTurnWrite(snapshot: SessionSnapshot, turn: Turn): SessionWrite {
    if (!snapshot.session || snapshot.runningTurn !== turn.id) throw turnNotRunning(turn.id);
    const write = new SessionWrite(snapshot.session, snapshot);
    write.closeAsRunner(turn.id);
    return write;
  }

  /** A turn ended: the session leaves `running`, unless it was ended meanwhile (ended is final). */
  #closeTurnStatus(
    write: SessionWrite,
    status: 'idle' | 'failed',
    lastError: string | null,
    now: number,
  ): void {
    if (write.session.status === 'ended') {
      write.setStatus('ended', lastError, now);
      return;
    }
    write.pushEvent('status', statusPayload(write.setStatus(status, lastError, now)), now);
  }

  /**
   * Reads the session, builds the write and commits it only if the session is unchanged since the read;
   * otherwise reads and builds again. A build that throws (a refusal) writes nothing.
   */
  async #write<T>(
    sessionId: string,
    build: (
      snapshot: SessionSnapshot,
    ) =>
      | { write: SessionWrite | undefined; result: T }
      | Promise<{ write: SessionWrite | undefined; result: T }>,
  ): Promise<T> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const snapshot = await this.#snapshot(sessionId);
      const { write, result } = await build(snapshot);
      if (write === undefined) return result;
      const args = [
        this.#keys.prefix,
        sessionId,
        String(snapshot.version),
        write.toJson(this.#options.eventRetention),
        this.replicaId,
      ];
      const outcome = await COMMIT.run(this.#client, [], args);
      if (outcome === 1) return result;
      if (outcome === 2) throw turnAdoptedElsewhere(sessionId);
      // Another replica wrote this session meanwhile; back off a little when it keeps happening.
      if (attempt > 3) await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt));
    }
    throw new Error(
      `session ${sessionId}: gave up after ${MAX_WRITE_ATTEMPTS} conflicting concurrent writes`,
    );
  }
}
