/**
 * The records the control-plane store holds — sessions, messages, turns, events — owned by the store, which
 * persists them; the control plane's routes render them (the store imports nothing of the control plane). Timestamps are epoch milliseconds; routes format them (RFC 3339) at the edge, so the store never
 * depends on a wire format for its own columns.
 */

/** A JSON value as it is stored and sent (event payloads). */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * idle: no turn running (new, or the last turn finished). running: a turn is in progress, or was in progress
 * when the process died (see `findInterruptedTurns`). failed: the last turn failed; a new message may still be
 * posted. ended: closed for good; nothing more may be appended.
 */
export type SessionStatus = 'idle' | 'running' | 'failed' | 'ended';

export interface Session {
  readonly id: string;
  /** The model every turn of this session runs on; fixed when the session is created. */
  readonly model: string;
  /**
   * The principal (client key id) that created the session, fixed at creation; null when it was created
   * without client keys. Only requests from the same principal (or, for null, without one) may see or use it.
   */
  readonly owner: string | null;
  readonly status: SessionStatus;
  /** User and assistant messages stored so far. */
  readonly messageCount: number;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type MessageRole = 'user' | 'assistant';

export interface Message {
  readonly id: string;
  readonly sessionId: string;
  /** 1, 2, 3… per session, in insertion order; `/messages` is sorted by it. */
  readonly seq: number;
  readonly role: MessageRole;
  readonly content: string;
  /** The turn the message belongs to (a user message opens a turn, the assistant reply closes it). */
  readonly turnId: string;
  readonly createdAt: number;
}

/** The capability labels that survive normalisation (see `capability.ts`). */
export type CapabilityLabel = '' | 'continue' | 'resume';

/** running: the model has not answered yet. done: the assistant reply is stored. failed: `error` says why. */
export type TurnState = 'running' | 'done' | 'failed';

/** One user message and the model's answer to it. A session has at most one running turn. */
export interface Turn {
  readonly id: string;
  readonly sessionId: string;
  readonly state: TurnState;
  readonly capability: CapabilityLabel;
  readonly userMessageId: string;
  readonly assistantMessageId: string | null;
  readonly error: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * Event kinds in a session's log (what `/events` streams). status: the session's status changed. message: a
 * message was stored. delta: a piece of an assistant reply while it streams. turn: a turn started, finished or
 * failed. Synthetic stream events (heartbeats, `replay_window_exceeded`) are not stored, so not listed here.
 */
export type SessionEventType = 'status' | 'message' | 'delta' | 'turn';

export interface SessionEvent {
  readonly sessionId: string;
  /** 1, 2, 3… per session, never reused even after pruning: the SSE `id:` and `Last-Event-ID`. */
  readonly id: number;
  readonly type: SessionEventType;
  readonly data: JsonObject;
  readonly createdAt: number;
}

/** What `eventsSince` returns: the retained events after an id, and whether some were already pruned. */
export interface EventsPage {
  readonly events: readonly SessionEvent[];
  /**
   * True when events after the requested id were pruned before they could be read: the client missed events
   * and `/events` must say so (`replay_window_exceeded`) before continuing with what is retained.
   */
  readonly windowExceeded: boolean;
  /** The newest event id the session has ever had (0 when none); live events continue after it. */
  readonly lastEventId: number;
}
