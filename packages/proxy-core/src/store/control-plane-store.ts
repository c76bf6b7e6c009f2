/**
 * The control plane's persistence contract: sessions, messages, turns, the per-session event log and
 * idempotency records. `SqliteStore` is the embedded default, `MemoryStore` exists for unit tests; both pass
 * the same contract suite (store-contract.test.ts).
 *
 * Why Promise-based when node:sqlite is synchronous: design.md §3 names Redis as the scale-out store, and every
 * Redis client is asynchronous. Making callers `await` from day one means a Redis store drops in without
 * touching a single route. The cost is one microtask per call, nothing next to a model turn. The SQLite
 * implementation still runs each method's transaction synchronously before its promise settles, so two calls
 * in one process can never interleave inside a transaction.
 *
 * Atomicity: each method below that writes is ONE transaction. A crash at any instant leaves either all of a
 * method's writes or none of them.
 */
import type {
  CapabilityLabel,
  EventsPage,
  JsonObject,
  Message,
  Session,
  SessionEvent,
  SessionEventType,
  Turn,
} from './records.ts';

export interface AppendUserMessageInput {
  readonly sessionId: string;
  /**
   * When true, an unknown session is SessionNotFound instead of being created (POST /message with a client's
   * `session_id`: a client never names a new session). Checked in the append transaction.
   */
  readonly existingOnly?: boolean;
  /** Used only when this call creates the session; defaults to `mock`. */
  readonly model?: string;
  /**
   * Who is sending: the principal (client key id), or null/omitted without client keys. A new session records
   * it as its owner; an existing session owned by anyone else reads as unknown (SessionNotFound), checked in
   * the same transaction as the append, before any other refusal, so nothing reveals that the session exists.
   */
  readonly owner?: string | null;
  readonly content: string;
  readonly capability: CapabilityLabel;
}

export interface EndSessionOptions {
  /**
   * When set, a turn of the session still `running` (one whose runner was stopped, or one a crash interrupted)
   * is marked `failed` with this error in the same transaction, so an ended session keeps no running turn.
   * Without it such a turn is left running and may still finish (the session stays `ended`).
   */
  readonly failRunningTurn?: string;
}

/** What a write that stores a message returns: the state after the transaction committed. */
export interface TurnWrite {
  readonly session: Session;
  readonly turn: Turn;
  /** The message this write stored (the user message, or the assistant reply). */
  readonly message: Message;
}

export interface AppendedUserMessage extends TurnWrite {
  /** True when this call created the session. */
  readonly sessionCreated: boolean;
}

export interface CompleteTurnInput {
  readonly turnId: string;
  readonly content: string;
}

export interface FailTurnInput {
  readonly turnId: string;
  readonly error: string;
}

export interface SessionStore {
  /** A copy of the session, or undefined when unknown. */
  getSession(sessionId: string): Promise<Session | undefined>;

  /**
   * Stores a user message and opens a turn for it, in one transaction: creates the session when it does not
   * exist, inserts the message, bumps `message_count`, sets the status to `running` and appends `status`,
   * `message` and `turn` events. Throws SessionNotFound when the session exists but belongs to another owner
   * (before any other check), SessionEndedError on an ended session and TurnInProgressError while another
   * turn of the session is running.
   */
  appendUserMessage(input: AppendUserMessageInput): Promise<AppendedUserMessage>;

  /**
   * Stores the assistant reply and closes the turn, in one transaction: inserts the message, marks the turn
   * `done`, bumps `message_count`, sets the session `idle` (unless it was ended meanwhile) and appends
   * `message`, `turn` and `status` events. Throws TurnNotRunningError when the turn is unknown or not running.
   */
  completeTurn(input: CompleteTurnInput): Promise<TurnWrite>;

  /** Marks a running turn failed and the session `failed` with `last_error`, plus `turn`/`status` events. */
  failTurn(input: FailTurnInput): Promise<{ readonly session: Session; readonly turn: Turn }>;

  /**
   * Closes the session for good (status `ended`, a `status` event); a no-op when already ended. With
   * `failRunningTurn`, a running turn of the session is failed first, in the same transaction (a `turn` event
   * before the final `status` event; `last_error` is that error). Throws SessionNotFound.
   */
  endSession(sessionId: string, options?: EndSessionOptions): Promise<Session>;

  getTurn(turnId: string): Promise<Turn | undefined>;

  /**
   * Turns still `running`, oldest first (optionally of one session). Right after the store is opened, before
   * this process has started any turn, these are exactly the turns a crash or restart interrupted: each has
   * its user message stored and no assistant message, so `resume` can run it again.
   */
  findInterruptedTurns(sessionId?: string): Promise<readonly Turn[]>;

  /** Copies of the session's messages in order (empty when the session is unknown). */
  listMessages(sessionId: string): Promise<readonly Message[]>;

  /**
   * Appends one event (e.g. a streaming `delta`) and applies the count limit of the retention policy. Throws
   * SessionNotFound / SessionEnded.
   */
  appendEvent(sessionId: string, type: SessionEventType, data: JsonObject): Promise<SessionEvent>;

  /**
   * Retained events with id > afterId (a non-negative integer), in order, at most `limit` (default: all). An
   * unknown session reads as an empty log; routes answer 404 from `getSession` first.
   */
  eventsSince(sessionId: string, afterId: number, limit?: number): Promise<EventsPage>;

  /** Applies the retention policy (count and age) to every session; returns how many events were deleted. */
  pruneEvents(now?: number): Promise<number>;

  /**
   * Stores shared by several processes (RedisStore) only: makes this process the runner of an interrupted turn
   * before it resumes it; false when another live process runs it or it is no longer running. In-process
   * stores leave it out: their process is the only runner.
   */
  adoptInterruptedTurn?(turnId: string): Promise<boolean>;

  /**
   * Stores shared by several processes only: calls `wake(sessionId)` whenever any process appended events to
   * the session, and `wake(undefined)` when notifications may have been missed (after a reconnect). Resolves to
   * the unsubscribe function once notifications flow.
   */
  subscribeSessionEvents?(wake: (sessionId: string | undefined) => void): Promise<() => Promise<void>>;
}

/** The scope an idempotency record belongs to. Only a SHA-256 of the client's key is ever stored. */
export interface IdempotencyScope {
  /** Who sent the request: the client key's id (never the secret itself). */
  readonly principal: string;
  /** Method and route template, e.g. `POST /message`. */
  readonly route: string;
  /** Hex SHA-256 of the Idempotency-Key header value. */
  readonly keyHash: string;
}

/** A response as it is stored and replayed. Bodies are text: every replayable route answers JSON. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface IdempotencyRecord {
  readonly scope: IdempotencyScope;
  readonly fingerprint: string;
  readonly state: 'in_flight' | 'completed';
  /** Identifies the caller that holds the claim; only it may complete or release the record. */
  readonly claimId: string;
  readonly response: StoredResponse | null;
  readonly createdAt: number;
  /** From this instant the record no longer exists for readers (and `sweep` deletes it). */
  readonly expiresAt: number;
  /** An in-flight claim older than this is treated as abandoned (its holder crashed). */
  readonly leaseExpiresAt: number;
}

export interface IdempotencyClaim {
  readonly scope: IdempotencyScope;
  readonly fingerprint: string;
  readonly claimId: string;
  readonly now: number;
  readonly expiresAt: number;
  readonly leaseExpiresAt: number;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed' }
  /** Another live record holds the scope (in flight or completed); the caller decides 409/422/replay. */
  | { readonly kind: 'existing'; readonly record: IdempotencyRecord };

export interface IdempotencyStore {
  /**
   * Atomically: forget the scope's record if it expired (or its in-flight lease ran out), then insert the
   * claim unless a record exists. Exactly one of any number of concurrent claimers — in this process or in
   * another one sharing the database — gets `claimed`.
   */
  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimOutcome>;

  /** Stores the response on the claim `claimId` holds; false when the claim is no longer theirs. */
  completeIdempotencyKey(
    scope: IdempotencyScope,
    claimId: string,
    response: StoredResponse,
    expiresAt: number,
  ): Promise<boolean>;

  /** Drops an in-flight claim so a retry executes; false when the claim is no longer theirs. */
  releaseIdempotencyKey(scope: IdempotencyScope, claimId: string): Promise<boolean>;

  /** Deletes expired records and in-flight claims whose lease ran out; returns how many. */
  sweepIdempotencyKeys(now: number): Promise<number>;
}

export interface ControlPlaneStore extends SessionStore, IdempotencyStore {
  /**
   * Stores shared by several processes only: a topic every other process on the store hears, best effort
   * (nothing is replayed to a process that was disconnected). The model plane shares key cooldowns this way.
   */
  openBroadcast?(
    topic: string,
    receive: (message: unknown) => void,
  ): Promise<{ publish(message: unknown): void; close(): Promise<void> }>;

  /** Releases the database; the store must not be used afterwards. */
  close(): Promise<void>;
}
