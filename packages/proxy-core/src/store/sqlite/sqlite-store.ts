/**
 * The embedded default ControlPlaneStore: one SQLite file under the data directory (see open-database.ts),
 * surviving restarts and kill -9. Every write is one `BEGIN IMMEDIATE` transaction, so a crash leaves each
 * write whole or absent; the schema's constraints (one running turn per session, turn/message references
 * checked at commit) make a half-written turn impossible to commit even by a buggy caller.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  EventsPage,
  JsonObject,
  Message,
  MessageRole,
  Session,
  SessionEvent,
  SessionEventType,
  SessionStatus,
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
import { sessionEnded, sessionNotFound, turnInProgress, turnNotRunning } from '../errors.ts';
import { messagePayload, statusPayload, turnPayload } from '../event-payloads.ts';
import { countPruneThrough } from '../event-retention.ts';
import { newMessageId, newTurnId } from '../ids.ts';
import { settle } from '../settle.ts';
import {
  assertEventId,
  DEFAULT_SESSION_MODEL,
  resolveStoreOptions,
  type ResolvedStoreOptions,
  type StoreOptions,
} from '../store-options.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';
import { openDatabase, type DatabaseLocation } from './open-database.ts';
import { integer, text, type Row } from './row-reader.ts';
import { toEvent, toIdempotencyRecord, toMessage, toSession, toTurn } from './row-mappers.ts';
import { inTransaction } from './transaction.ts';

export interface SqliteStoreOptions extends StoreOptions, DatabaseLocation {}

const SQL = {
  getSession: 'SELECT * FROM sessions WHERE id = ?',
  insertSession: `INSERT INTO sessions (id, model, owner, status, created_at, updated_at)
    VALUES (?, ?, ?, 'idle', ?, ?)`,
  setSessionStatus: 'UPDATE sessions SET status = ?, last_error = ?, updated_at = ? WHERE id = ?',
  bumpMessageCount: 'UPDATE sessions SET message_count = message_count + 1, updated_at = ? WHERE id = ?',
  nextEventId: 'UPDATE sessions SET last_event_id = last_event_id + 1 WHERE id = ? RETURNING last_event_id',
  insertMessage: `INSERT INTO messages (id, session_id, seq, role, content, turn_id, created_at)
    VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE session_id = ?), ?, ?, ?, ?) RETURNING *`,
  listMessages: 'SELECT * FROM messages WHERE session_id = ? ORDER BY seq',
  insertTurn: `INSERT INTO turns (id, session_id, state, capability, user_message_id, created_at, updated_at)
    VALUES (?, ?, 'running', ?, ?, ?, ?) RETURNING *`,
  getTurn: 'SELECT * FROM turns WHERE id = ?',
  runningTurnOf: `SELECT id FROM turns WHERE session_id = ? AND state = 'running'`,
  finishTurn: `UPDATE turns SET state = 'done', assistant_message_id = ?, updated_at = ?
    WHERE id = ? AND state = 'running' RETURNING *`,
  failTurn: `UPDATE turns SET state = 'failed', error = ?, updated_at = ?
    WHERE id = ? AND state = 'running' RETURNING *`,
  interruptedTurns: `SELECT * FROM turns WHERE state = 'running' ORDER BY created_at, rowid`,
  interruptedTurnsOf: `SELECT * FROM turns WHERE state = 'running' AND session_id = ? ORDER BY created_at, rowid`,
  insertEvent:
    'INSERT INTO events (session_id, id, type, data, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  eventsSince: 'SELECT * FROM events WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?',
  eventWindow: 'SELECT last_event_id, events_pruned_through FROM sessions WHERE id = ?',
  raisePrunedThrough: `UPDATE sessions SET events_pruned_through = ?
    WHERE id = ? AND events_pruned_through < ?`,
  deletePrunedEventsOf: `DELETE FROM events WHERE session_id = ?
    AND id <= (SELECT events_pruned_through FROM sessions WHERE id = ?)`,
  // Retention for all sessions at once: raise each watermark to cover events that are too old or beyond the
  // count limit, then delete everything at or below the watermarks.
  raiseAllPrunedThrough: `UPDATE sessions SET events_pruned_through = max(
      events_pruned_through,
      last_event_id - ?,
      coalesce((SELECT max(e.id) FROM events e WHERE e.session_id = sessions.id AND e.created_at < ?), 0))`,
  deleteAllPrunedEvents: `DELETE FROM events
    WHERE id <= (SELECT s.events_pruned_through FROM sessions s WHERE s.id = events.session_id)`,
  deleteStaleKey: `DELETE FROM idempotency_keys WHERE principal = ? AND route = ? AND key_hash = ?
    AND (expires_at <= ? OR (state = 'in_flight' AND lease_expires_at <= ?))`,
  claimKey: `INSERT INTO idempotency_keys
      (principal, route, key_hash, fingerprint, state, claim_id, created_at, expires_at, lease_expires_at)
    VALUES (?, ?, ?, ?, 'in_flight', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  getKey: 'SELECT * FROM idempotency_keys WHERE principal = ? AND route = ? AND key_hash = ?',
  completeKey: `UPDATE idempotency_keys
    SET state = 'completed', response_status = ?, response_headers = ?, response_body = ?, expires_at = ?
    WHERE principal = ? AND route = ? AND key_hash = ? AND claim_id = ? AND state = 'in_flight'`,
  releaseKey: `DELETE FROM idempotency_keys
    WHERE principal = ? AND route = ? AND key_hash = ? AND claim_id = ? AND state = 'in_flight'`,
  sweepKeys: `DELETE FROM idempotency_keys
    WHERE expires_at <= ? OR (state = 'in_flight' AND lease_expires_at <= ?)`,
} as const;

type StatementName = keyof typeof SQL;

/** SQLite's LIMIT -1 means "no limit". */
const NO_LIMIT = -1;

export class SqliteStore implements ControlPlaneStore {
  readonly #db: DatabaseSync;
  readonly #options: ResolvedStoreOptions;
  readonly #statements: Record<StatementName, StatementSync>;

  /** Opens (creating and migrating when needed) the database in `options.dataDir`. */
  static open(options: SqliteStoreOptions): SqliteStore {
    const resolved = resolveStoreOptions(options);
    const db = openDatabase(options);
    try {
      migrate(db, MIGRATIONS, resolved.now());
      return new SqliteStore(db, resolved);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(db: DatabaseSync, options: ResolvedStoreOptions) {
    this.#db = db;
    this.#options = options;
    const entries = Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)] as const);
    this.#statements = Object.fromEntries(entries) as Record<StatementName, StatementSync>;
  }

  getSession(sessionId: string): Promise<Session | undefined> {
    return this.#read(() => this.#findSession(sessionId));
  }

  appendUserMessage(input: AppendUserMessageInput): Promise<AppendedUserMessage> {
    return this.#write(() => {
      const now = this.#options.now();
      const owner = input.owner ?? null;
      const existing = this.#findSession(input.sessionId);
      // Someone else's session reads as unknown, before any refusal that would reveal it exists.
      if (existing && existing.owner !== owner) throw sessionNotFound(input.sessionId);
      if (!existing && input.existingOnly === true) throw sessionNotFound(input.sessionId);
      if (existing) this.#assertCanStartTurn(existing);
      else {
        const model = input.model ?? DEFAULT_SESSION_MODEL;
        this.#run('insertSession', input.sessionId, model, owner, now, now);
      }

      const turnId = newTurnId();
      const messageId = newMessageId();
      // The turn goes first: messages.turn_id is checked at once, turns.user_message_id at COMMIT.
      const turn = toTurn(
        this.#one('insertTurn', turnId, input.sessionId, input.capability, messageId, now, now),
      );
      const message = this.#insertMessage(messageId, input.sessionId, 'user', input.content, turnId, now);
      const session = this.#setStatus(input.sessionId, 'running', existing?.lastError ?? null, now);
      this.#appendEvent(input.sessionId, 'status', statusPayload(session), now);
      this.#appendEvent(input.sessionId, 'message', messagePayload(message), now);
      this.#appendEvent(input.sessionId, 'turn', turnPayload(turn), now);
      return { session, turn, message, sessionCreated: !existing };
    });
  }

  completeTurn(input: CompleteTurnInput): Promise<TurnWrite> {
    return this.#write(() => {
      const now = this.#options.now();
      const running = this.#runningTurn(input.turnId);
      const messageId = newMessageId();
      const message = this.#insertMessage(
        messageId,
        running.sessionId,
        'assistant',
        input.content,
        running.id,
        now,
      );
      const turn = toTurn(this.#one('finishTurn', messageId, now, running.id));
      this.#appendEvent(turn.sessionId, 'message', messagePayload(message), now);
      this.#appendEvent(turn.sessionId, 'turn', turnPayload(turn), now);
      const session = this.#closeTurnStatus(turn.sessionId, 'idle', null, now);
      return { session, turn, message };
    });
  }

  failTurn(input: FailTurnInput): Promise<{ readonly session: Session; readonly turn: Turn }> {
    return this.#write(() => {
      const now = this.#options.now();
      const running = this.#runningTurn(input.turnId);
      const turn = toTurn(this.#one('failTurn', input.error, now, running.id));
      this.#appendEvent(turn.sessionId, 'turn', turnPayload(turn), now);
      const session = this.#closeTurnStatus(turn.sessionId, 'failed', input.error, now);
      return { session, turn };
    });
  }

  endSession(sessionId: string, options: EndSessionOptions = {}): Promise<Session> {
    return this.#write(() => {
      const session = this.#findSession(sessionId);
      if (!session) throw sessionNotFound(sessionId);
      const error = options.failRunningTurn;
      const running =
        error === undefined ? undefined : (this.#statements.runningTurnOf.get(sessionId) as Row | undefined);
      const now = this.#options.now();
      let lastError = session.lastError;
      if (running && error !== undefined) {
        const turn = toTurn(this.#one('failTurn', error, now, text(running, 'id')));
        this.#appendEvent(sessionId, 'turn', turnPayload(turn), now);
        lastError = error;
      }
      if (session.status === 'ended') {
        // Already ended: record the failed turn's error, as failTurn does on an ended session.
        return running ? this.#setStatus(sessionId, 'ended', lastError, now) : session;
      }
      const ended = this.#setStatus(sessionId, 'ended', lastError, now);
      this.#appendEvent(sessionId, 'status', statusPayload(ended), now);
      return ended;
    });
  }

  getTurn(turnId: string): Promise<Turn | undefined> {
    return this.#read(() => {
      const row = this.#statements.getTurn.get(turnId) as Row | undefined;
      return row ? toTurn(row) : undefined;
    });
  }

  findInterruptedTurns(sessionId?: string): Promise<readonly Turn[]> {
    return this.#read(() => {
      const rows =
        sessionId === undefined
          ? this.#statements.interruptedTurns.all()
          : this.#statements.interruptedTurnsOf.all(sessionId);
      return (rows as Row[]).map(toTurn);
    });
  }

  listMessages(sessionId: string): Promise<readonly Message[]> {
    return this.#read(() => (this.#statements.listMessages.all(sessionId) as Row[]).map(toMessage));
  }

  appendEvent(sessionId: string, type: SessionEventType, data: JsonObject): Promise<SessionEvent> {
    return this.#write(() => {
      const session = this.#findSession(sessionId);
      if (!session) throw sessionNotFound(sessionId);
      if (session.status === 'ended') throw sessionEnded(sessionId);
      return this.#appendEvent(sessionId, type, data, this.#options.now());
    });
  }

  eventsSince(sessionId: string, afterId: number, limit?: number): Promise<EventsPage> {
    return this.#read(() => {
      assertEventId(afterId);
      // One snapshot for the window and the rows, so a concurrent prune cannot slip in between the two reads.
      return inTransaction(
        this.#db,
        () => {
          const window = this.#statements.eventWindow.get(sessionId) as Row | undefined;
          if (!window) return { events: [], windowExceeded: false, lastEventId: 0 };
          const rows = this.#statements.eventsSince.all(sessionId, afterId, limit ?? NO_LIMIT) as Row[];
          return {
            events: rows.map(toEvent),
            windowExceeded: afterId < integer(window, 'events_pruned_through'),
            lastEventId: integer(window, 'last_event_id'),
          };
        },
        'read',
      );
    });
  }

  pruneEvents(now: number = this.#options.now()): Promise<number> {
    const { maxEventsPerSession, maxEventAgeMs } = this.#options.eventRetention;
    return this.#write(() => {
      this.#run('raiseAllPrunedThrough', maxEventsPerSession, now - maxEventAgeMs);
      return Number(this.#run('deleteAllPrunedEvents').changes);
    });
  }

  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimOutcome> {
    const { principal, route, keyHash } = claim.scope;
    return this.#write(() => {
      // Expired records and abandoned in-flight claims behave as if the key was never used.
      this.#run('deleteStaleKey', principal, route, keyHash, claim.now, claim.now);
      const inserted = this.#run(
        'claimKey',
        principal,
        route,
        keyHash,
        claim.fingerprint,
        claim.claimId,
        claim.now,
        claim.expiresAt,
        claim.leaseExpiresAt,
      );
      // ON CONFLICT DO NOTHING plus the write lock: exactly one claimer sees a change, in any process.
      if (Number(inserted.changes) === 1) return { kind: 'claimed' };
      return {
        kind: 'existing',
        record: toIdempotencyRecord(this.#one('getKey', principal, route, keyHash)),
      };
    });
  }

  completeIdempotencyKey(
    scope: IdempotencyScope,
    claimId: string,
    response: StoredResponse,
    expiresAt: number,
  ): Promise<boolean> {
    return this.#write(() => {
      const result = this.#run(
        'completeKey',
        response.status,
        JSON.stringify(response.headers),
        response.body,
        expiresAt,
        scope.principal,
        scope.route,
        scope.keyHash,
        claimId,
      );
      return Number(result.changes) === 1;
    });
  }

  releaseIdempotencyKey(scope: IdempotencyScope, claimId: string): Promise<boolean> {
    return this.#write(() => {
      const result = this.#run('releaseKey', scope.principal, scope.route, scope.keyHash, claimId);
      return Number(result.changes) === 1;
    });
  }

  sweepIdempotencyKeys(now: number): Promise<number> {
    return this.#write(() => Number(this.#run('sweepKeys', now, now).changes));
  }

  close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
    return Promise.resolve();
  }

  #read<T>(read: () => T): Promise<T> {
    return settle(read);
  }

  /** Runs `work` as one transaction, finished before the promise is returned (see control-plane-store.ts). */
  #write<T>(work: () => T): Promise<T> {
    return settle(() => inTransaction(this.#db, work));
  }

  #run(name: StatementName, ...params: (string | number | null)[]): { changes: number | bigint } {
    return this.#statements[name].run(...params);
  }

  /** A statement that must produce exactly one row (RETURNING, or a lookup the transaction guarantees). */
  #one(name: StatementName, ...params: (string | number | null)[]): Row {
    const row = this.#statements[name].get(...params) as Row | undefined;
    if (!row) throw new Error(`store invariant broken: ${name} produced no row`);
    return row;
  }

  #findSession(sessionId: string): Session | undefined {
    const row = this.#statements.getSession.get(sessionId) as Row | undefined;
    return row ? toSession(row) : undefined;
  }

  #assertCanStartTurn(session: Session): void {
    if (session.status === 'ended') throw sessionEnded(session.id);
    const running = this.#statements.runningTurnOf.get(session.id) as Row | undefined;
    if (running) throw turnInProgress(session.id, text(running, 'id'));
  }

  #runningTurn(turnId: string): Turn {
    const row = this.#statements.getTurn.get(turnId) as Row | undefined;
    const turn = row ? toTurn(row) : undefined;
    if (turn?.state !== 'running') throw turnNotRunning(turnId);
    return turn;
  }

  #insertMessage(
    id: string,
    sessionId: string,
    role: MessageRole,
    content: string,
    turnId: string,
    now: number,
  ) {
    const message = toMessage(
      this.#one('insertMessage', id, sessionId, sessionId, role, content, turnId, now),
    );
    this.#run('bumpMessageCount', now, sessionId);
    return message;
  }

  #setStatus(sessionId: string, status: SessionStatus, lastError: string | null, now: number): Session {
    this.#run('setSessionStatus', status, lastError, now, sessionId);
    return toSession(this.#one('getSession', sessionId));
  }

  /**
   * A turn ended: the session leaves `running`, unless it was ended meanwhile (ended is final). `lastError`
   * null keeps the previous error: a success does not erase the record of the last failure.
   */
  #closeTurnStatus(sessionId: string, status: SessionStatus, lastError: string | null, now: number): Session {
    const session = toSession(this.#one('getSession', sessionId));
    const error = lastError ?? session.lastError;
    if (session.status === 'ended') return this.#setStatus(sessionId, 'ended', error, now);
    const updated = this.#setStatus(sessionId, status, error, now);
    this.#appendEvent(sessionId, 'status', statusPayload(updated), now);
    return updated;
  }

  /** Inside a transaction: next id, insert, then the count limit of the retention policy. */
  #appendEvent(sessionId: string, type: SessionEventType, data: JsonObject, now: number): SessionEvent {
    const id = integer(this.#one('nextEventId', sessionId), 'last_event_id');
    const event = toEvent(this.#one('insertEvent', sessionId, id, type, JSON.stringify(data), now));
    const through = countPruneThrough(id, this.#options.eventRetention);
    if (through > 0 && Number(this.#run('raisePrunedThrough', through, sessionId, through).changes) === 1) {
      this.#run('deletePrunedEventsOf', sessionId, sessionId);
    }
    return event;
  }
}
