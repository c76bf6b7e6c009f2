/**
 * The in-memory ControlPlaneStore: for unit tests only (it forgets everything on exit, so a server must never
 * run on it). It keeps the same contract as SqliteStore, including atomicity: every method checks all of its
 * preconditions before it mutates anything, and nothing in between can throw, so a write is all-or-nothing.
 */
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
} from './records.ts';
import type {
  AppendedUserMessage,
  AppendUserMessageInput,
  ClaimOutcome,
  CompleteTurnInput,
  ControlPlaneStore,
  EndSessionOptions,
  FailTurnInput,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyScope,
  StoredResponse,
  TurnWrite,
} from './control-plane-store.ts';
import { sessionEnded, sessionNotFound, turnInProgress, turnNotRunning } from './errors.ts';
import { messagePayload, statusPayload, turnPayload } from './event-payloads.ts';
import { countPruneThrough } from './event-retention.ts';
import { newMessageId, newTurnId } from './ids.ts';
import { newRunningTurn, newSession } from './new-records.ts';
import { settle } from './settle.ts';
import {
  assertEventId,
  DEFAULT_SESSION_MODEL,
  resolveStoreOptions,
  type ResolvedStoreOptions,
  type StoreOptions,
} from './store-options.ts';

/** A session plus the bookkeeping the log needs. */
interface SessionState {
  session: Session;
  readonly messages: Message[];
  events: SessionEvent[];
  lastEventId: number;
  /** The highest event id deleted by retention (0: none yet). */
  prunedThrough: number;
}

const scopeKey = (scope: IdempotencyScope): string =>
  JSON.stringify([scope.principal, scope.route, scope.keyHash]);

const isStale = (record: IdempotencyRecord, now: number): boolean =>
  record.expiresAt <= now || (record.state === 'in_flight' && record.leaseExpiresAt <= now);

export class MemoryStore implements ControlPlaneStore {
  readonly #options: ResolvedStoreOptions;
  readonly #sessions = new Map<string, SessionState>();
  readonly #turns = new Map<string, Turn>();
  readonly #idempotency = new Map<string, IdempotencyRecord>();

  constructor(options: StoreOptions = {}) {
    this.#options = resolveStoreOptions(options);
  }

  getSession(sessionId: string): Promise<Session | undefined> {
    const state = this.#sessions.get(sessionId);
    return Promise.resolve(state ? structuredClone(state.session) : undefined);
  }

  appendUserMessage(input: AppendUserMessageInput): Promise<AppendedUserMessage> {
    return settle(() => {
      const now = this.#options.now();
      const owner = input.owner ?? null;
      const existing = this.#sessions.get(input.sessionId);
      // Someone else's session reads as unknown, before any refusal that would reveal it exists.
      if (existing && existing.session.owner !== owner) throw sessionNotFound(input.sessionId);
      if (!existing && input.existingOnly === true) throw sessionNotFound(input.sessionId);
      if (existing) this.#assertCanStartTurn(existing);
      const state =
        existing ?? this.#newSessionState(input.sessionId, input.model ?? DEFAULT_SESSION_MODEL, owner, now);
      if (!existing) this.#sessions.set(input.sessionId, state);

      const turnId = newTurnId();
      const message = this.#pushMessage(state, 'user', input.content, turnId, now);
      const turn = newRunningTurn(turnId, input.sessionId, input.capability, message.id, now);
      this.#turns.set(turnId, turn);
      this.#setStatus(state, 'running', state.session.lastError, now);
      this.#pushEvent(state, 'status', statusPayload(state.session), now);
      this.#pushEvent(state, 'message', messagePayload(message), now);
      this.#pushEvent(state, 'turn', turnPayload(turn), now);
      return structuredClone({ session: state.session, turn, message, sessionCreated: !existing });
    });
  }

  completeTurn(input: CompleteTurnInput): Promise<TurnWrite> {
    return settle(() => {
      const { turn: running, state } = this.#runningTurn(input.turnId);
      const now = this.#options.now();
      const message = this.#pushMessage(state, 'assistant', input.content, running.id, now);
      const turn: Turn = { ...running, state: 'done', assistantMessageId: message.id, updatedAt: now };
      this.#turns.set(turn.id, turn);
      this.#pushEvent(state, 'message', messagePayload(message), now);
      this.#pushEvent(state, 'turn', turnPayload(turn), now);
      this.#closeTurnStatus(state, 'idle', state.session.lastError, now);
      return structuredClone({ session: state.session, turn, message });
    });
  }

  failTurn(input: FailTurnInput): Promise<{ readonly session: Session; readonly turn: Turn }> {
    return settle(() => {
      const { turn: running, state } = this.#runningTurn(input.turnId);
      const now = this.#options.now();
      const turn: Turn = { ...running, state: 'failed', error: input.error, updatedAt: now };
      this.#turns.set(turn.id, turn);
      this.#pushEvent(state, 'turn', turnPayload(turn), now);
      this.#closeTurnStatus(state, 'failed', input.error, now);
      return structuredClone({ session: state.session, turn });
    });
  }

  endSession(sessionId: string, options: EndSessionOptions = {}): Promise<Session> {
    return settle(() => {
      const state = this.#requireSession(sessionId);
      const error = options.failRunningTurn;
      const running = error === undefined ? undefined : this.#runningTurnOf(sessionId);
      const now = this.#options.now();
      let lastError = state.session.lastError;
      if (running && error !== undefined) {
        const turn: Turn = { ...running, state: 'failed', error, updatedAt: now };
        this.#turns.set(turn.id, turn);
        this.#pushEvent(state, 'turn', turnPayload(turn), now);
        lastError = error;
      }
      if (state.session.status !== 'ended') {
        this.#setStatus(state, 'ended', lastError, now);
        this.#pushEvent(state, 'status', statusPayload(state.session), now);
      } else if (running) {
        // Already ended: record the failed turn's error, as failTurn does on an ended session.
        this.#setStatus(state, 'ended', lastError, now);
      }
      return structuredClone(state.session);
    });
  }

  getTurn(turnId: string): Promise<Turn | undefined> {
    const turn = this.#turns.get(turnId);
    return Promise.resolve(turn ? structuredClone(turn) : undefined);
  }

  findInterruptedTurns(sessionId?: string): Promise<readonly Turn[]> {
    const running = [...this.#turns.values()].filter(
      (turn) => turn.state === 'running' && (sessionId === undefined || turn.sessionId === sessionId),
    );
    // Map order is insertion order, which is creation order: already oldest first.
    return Promise.resolve(structuredClone(running));
  }

  listMessages(sessionId: string): Promise<readonly Message[]> {
    return Promise.resolve(structuredClone(this.#sessions.get(sessionId)?.messages ?? []));
  }

  appendEvent(sessionId: string, type: SessionEventType, data: JsonObject): Promise<SessionEvent> {
    return settle(() => {
      const state = this.#requireSession(sessionId);
      if (state.session.status === 'ended') throw sessionEnded(sessionId);
      return structuredClone(this.#pushEvent(state, type, data, this.#options.now()));
    });
  }

  eventsSince(sessionId: string, afterId: number, limit?: number): Promise<EventsPage> {
    return settle(() => {
      assertEventId(afterId);
      const state = this.#sessions.get(sessionId);
      if (!state) return { events: [], windowExceeded: false, lastEventId: 0 };
      const after = state.events.filter((event) => event.id > afterId);
      return {
        events: structuredClone(limit === undefined ? after : after.slice(0, limit)),
        windowExceeded: afterId < state.prunedThrough,
        lastEventId: state.lastEventId,
      };
    });
  }

  pruneEvents(now: number = this.#options.now()): Promise<number> {
    const { maxEventAgeMs, maxEventsPerSession } = this.#options.eventRetention;
    let deleted = 0;
    for (const state of this.#sessions.values()) {
      const tooOld = state.events.filter((event) => event.createdAt < now - maxEventAgeMs);
      const ageThrough = tooOld.reduce((highest, event) => Math.max(highest, event.id), 0);
      const countThrough = Math.max(0, state.lastEventId - maxEventsPerSession);
      deleted += this.#pruneThrough(state, Math.max(ageThrough, countThrough));
    }
    return Promise.resolve(deleted);
  }

  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimOutcome> {
    const key = scopeKey(claim.scope);
    const existing = this.#idempotency.get(key);
    if (existing && !isStale(existing, claim.now)) {
      return Promise.resolve({ kind: 'existing', record: structuredClone(existing) });
    }
    this.#idempotency.set(key, {
      scope: { ...claim.scope },
      fingerprint: claim.fingerprint,
      state: 'in_flight',
      claimId: claim.claimId,
      response: null,
      createdAt: claim.now,
      expiresAt: claim.expiresAt,
      leaseExpiresAt: claim.leaseExpiresAt,
    });
    return Promise.resolve({ kind: 'claimed' });
  }

  completeIdempotencyKey(
    scope: IdempotencyScope,
    claimId: string,
    response: StoredResponse,
    expiresAt: number,
  ): Promise<boolean> {
    const key = scopeKey(scope);
    const record = this.#heldClaim(key, claimId);
    if (!record) return Promise.resolve(false);
    this.#idempotency.set(key, {
      ...record,
      state: 'completed',
      response: structuredClone(response),
      expiresAt,
    });
    return Promise.resolve(true);
  }

  releaseIdempotencyKey(scope: IdempotencyScope, claimId: string): Promise<boolean> {
    const key = scopeKey(scope);
    if (!this.#heldClaim(key, claimId)) return Promise.resolve(false);
    this.#idempotency.delete(key);
    return Promise.resolve(true);
  }

  sweepIdempotencyKeys(now: number): Promise<number> {
    let deleted = 0;
    for (const [key, record] of this.#idempotency) {
      if (isStale(record, now)) {
        this.#idempotency.delete(key);
        deleted += 1;
      }
    }
    return Promise.resolve(deleted);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #heldClaim(key: string, claimId: string): IdempotencyRecord | undefined {
    const record = this.#idempotency.get(key);
    return record?.state === 'in_flight' && record.claimId === claimId ? record : undefined;
  }

  #newSessionState(id: string, model: string, owner: string | null, now: number): SessionState {
    const session = newSession(id, model, owner, now);
    return { session, messages: [], events: [], lastEventId: 0, prunedThrough: 0 };
  }

  #requireSession(sessionId: string): SessionState {
    const state = this.#sessions.get(sessionId);
    if (!state) throw sessionNotFound(sessionId);
    return state;
  }

  #assertCanStartTurn(state: SessionState): void {
    if (state.session.status === 'ended') throw sessionEnded(state.session.id);
    const running = this.#runningTurnOf(state.session.id);
    if (running) throw turnInProgress(state.session.id, running.id);
  }

  #runningTurnOf(sessionId: string): Turn | undefined {
    return [...this.#turns.values()].find((turn) => turn.sessionId === sessionId && turn.state === 'running');
  }

  #runningTurn(turnId: string): { turn: Turn; state: SessionState } {
    const turn = this.#turns.get(turnId);
    const state = turn ? this.#sessions.get(turn.sessionId) : undefined;
    if (turn?.state !== 'running' || !state) throw turnNotRunning(turnId);
    return { turn, state };
  }

  #pushMessage(
    state: SessionState,
    role: MessageRole,
    content: string,
    turnId: string,
    now: number,
  ): Message {
    const message: Message = {
      id: newMessageId(),
      sessionId: state.session.id,
      seq: state.messages.length + 1,
      role,
      content,
      turnId,
      createdAt: now,
    };
    state.messages.push(message);
    state.session = { ...state.session, messageCount: state.messages.length, updatedAt: now };
    return message;
  }

  #setStatus(state: SessionState, status: SessionStatus, lastError: string | null, now: number): void {
    state.session = { ...state.session, status, lastError, updatedAt: now };
  }

  /** A turn ended: the session leaves `running`, unless it was ended meanwhile (ended is final). */
  #closeTurnStatus(state: SessionState, status: SessionStatus, lastError: string | null, now: number): void {
    if (state.session.status === 'ended') {
      this.#setStatus(state, 'ended', lastError, now);
      return;
    }
    this.#setStatus(state, status, lastError, now);
    this.#pushEvent(state, 'status', statusPayload(state.session), now);
  }

  #pushEvent(state: SessionState, type: SessionEventType, data: JsonObject, now: number): SessionEvent {
    state.lastEventId += 1;
    const event: SessionEvent = {
      sessionId: state.session.id,
      id: state.lastEventId,
      type,
      data: structuredClone(data),
      createdAt: now,
    };
    state.events.push(event);
    this.#pruneThrough(state, countPruneThrough(state.lastEventId, this.#options.eventRetention));
    return event;
  }

  #pruneThrough(state: SessionState, through: number): number {
    if (through <= state.prunedThrough) return 0;
    const before = state.events.length;
    state.events = state.events.filter((event) => event.id > through);
    state.prunedThrough = through;
    return before - state.events.length;
  }
}
