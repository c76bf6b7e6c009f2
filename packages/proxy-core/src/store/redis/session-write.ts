/**
 * One session write as the COMMIT script applies it, built in TypeScript from a snapshot of the session.
 * The rules mirror MemoryStore's (message seq and counters, running turn, event ids, count retention), and
 * the event payloads come from the shared builders, so a replay reads the same on every store.
 */
import type {
  JsonObject,
  Message,
  MessageRole,
  Session,
  SessionEvent,
  SessionEventType,
  SessionStatus,
  Turn,
} from '../records.ts';
import { countPruneThrough, type EventRetention } from '../event-retention.ts';
import { newMessageId } from '../ids.ts';

/** A session as read from Redis: `version` 0 means it does not exist. */
export interface SessionSnapshot {
  readonly version: number;
  readonly session: Session | undefined;
  readonly lastEventId: number;
  /** The id of the session's running turn, or '' when none runs. */
  readonly runningTurn: string;
}

export function parseSnapshot(hash: Readonly<Record<string, string>>): SessionSnapshot {
  const json = hash['session'];
  return {
    version: Number(hash['v'] ?? 0),
    session: json === undefined ? undefined : (JSON.parse(json) as Session),
    lastEventId: Number(hash['last_event_id'] ?? 0),
    runningTurn: hash['running_turn'] ?? '',
  };
}

export class SessionWrite {
  session: Session;
  #lastEventId: number;
  #runningTurn: string;
  /** The turn this write completes or fails on behalf of its runner ('' for none). */
  #closesTurn = '';
  readonly #messages: string[] = [];
  readonly #turns: { id: string; json: string; running: boolean }[] = [];
  readonly #events: { id: string; json: string; at: string }[] = [];

  constructor(session: Session, snapshot: Pick<SessionSnapshot, 'lastEventId' | 'runningTurn'>) {
    this.session = session;
    this.#lastEventId = snapshot.lastEventId;
    this.#runningTurn = snapshot.runningTurn;
  }

  pushMessage(role: MessageRole, content: string, turnId: string, now: number): Message {
    const message: Message = {
      id: newMessageId(),
      sessionId: this.session.id,
      seq: this.session.messageCount + 1,
      role,
      content,
      turnId,
      createdAt: now,
    };
    this.#messages.push(JSON.stringify(message));
    this.session = { ...this.session, messageCount: message.seq, updatedAt: now };
    return message;
  }

  /** Stores the turn; a running turn becomes the session's running turn, a finished one stops being it. */
  putTurn(turn: Turn): Turn {
    const running = turn.state === 'running';
    this.#turns.push({ id: turn.id, json: JSON.stringify(turn), running });
    if (running) this.#runningTurn = turn.id;
    else if (this.#runningTurn === turn.id) this.#runningTurn = '';
    return turn;
  }

  /** Marks this write as the runner closing its turn: refused if another live replica has adopted the turn. */
  closeAsRunner(turnId: string): void {
    this.#closesTurn = turnId;
  }

  setStatus(status: SessionStatus, lastError: string | null, now: number): Session {
    this.session = { ...this.session, status, lastError, updatedAt: now };
    return this.session;
  }

  pushEvent(type: SessionEventType, data: JsonObject, now: number): SessionEvent {
    this.#lastEventId += 1;
    const event: SessionEvent = {
      sessionId: this.session.id,
      id: this.#lastEventId,
      type,
      data,
      createdAt: now,
    };
    this.#events.push({ id: String(event.id), json: JSON.stringify(event), at: String(now) });
    return event;
  }

  /** The write as the COMMIT script's JSON argument. */
  toJson(retention: EventRetention): string {
    return JSON.stringify({
      session: JSON.stringify(this.session),
      lastEventId: String(this.#lastEventId),
      runningTurn: this.#runningTurn,
      closesTurn: this.#closesTurn,
      messages: this.#messages,
      turns: this.#turns,
      events: this.#events,
      pruneThrough: String(countPruneThrough(this.#lastEventId, retention)),
    });
  }
}
