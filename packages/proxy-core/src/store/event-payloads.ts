/**
 * The `data` of the events a store appends itself. They are what `/events` streams, so fields are snake_case
 * and times RFC 3339, as on the wire. Both stores build payloads here so replays look the same on either.
 */
import type { JsonObject, Message, Session, Turn } from './records.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

export const statusPayload = (session: Session): JsonObject => ({
  session_id: session.id,
  status: session.status,
  message_count: session.messageCount,
  last_error: session.lastError,
  updated_at: iso(session.updatedAt),
});

export const messagePayload = (message: Message): JsonObject => ({
  session_id: message.sessionId,
  message_id: message.id,
  seq: message.seq,
  role: message.role,
  content: message.content,
  turn_id: message.turnId,
  created_at: iso(message.createdAt),
});

export const turnPayload = (turn: Turn): JsonObject => ({
  session_id: turn.sessionId,
  turn_id: turn.id,
  state: turn.state,
  capability: turn.capability,
  user_message_id: turn.userMessageId,
  assistant_message_id: turn.assistantMessageId,
  error: turn.error,
  updated_at: iso(turn.updatedAt),
});
