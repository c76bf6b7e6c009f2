/** How sessions and messages look on the wire: snake_case, RFC 3339 times (the store keeps epoch ms). */
import type { Message, Session } from '../store/records.ts';

export const iso = (ms: number): string => new Date(ms).toISOString();

export const eventsUrl = (sessionId: string): string => `/events?session_id=${encodeURIComponent(sessionId)}`;

export interface WireMessage {
  readonly message_id: string;
  readonly seq: number;
  readonly role: Message['role'];
  readonly content: string;
  readonly turn_id: string;
  readonly created_at: string;
}

export const wireMessage = (message: Message): WireMessage => ({
  message_id: message.id,
  seq: message.seq,
  role: message.role,
  content: message.content,
  turn_id: message.turnId,
  created_at: iso(message.createdAt),
});

export interface WireStatus {
  readonly session_id: string;
  readonly model: string;
  /**
   * The stored status, except that a `running` session whose turn no process is running (a crash or restart
   * interrupted it) reads `interrupted` until a `resume` runs it again.
   */
  readonly status: Session['status'] | 'interrupted';
  readonly message_count: number;
  readonly last_error: string | null;
  /** A turn a crash or restart interrupted, which `capability: "resume"` would finish; null when none. */
  readonly resumable_turn_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly events_url: string;
}

export const wireStatus = (session: Session, resumableTurnId: string | null): WireStatus => ({
  session_id: session.id,
  model: session.model,
  status: session.status === 'running' && resumableTurnId !== null ? 'interrupted' : session.status,
  message_count: session.messageCount,
  last_error: session.lastError,
  resumable_turn_id: resumableTurnId,
  created_at: iso(session.createdAt),
  updated_at: iso(session.updatedAt),
  events_url: eventsUrl(session.id),
});
