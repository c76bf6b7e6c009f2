/** Rows of the control-plane tables → domain objects (fresh objects each time: callers get copies). */
import type { JsonObject, Message, Session, SessionEvent, Turn } from '../records.ts';
import type { IdempotencyRecord, StoredResponse } from '../control-plane-store.ts';
import { integer, nullableText, oneOf, text, type Row } from './row-reader.ts';

export const toSession = (row: Row): Session => ({
  id: text(row, 'id'),
  model: text(row, 'model'),
  owner: nullableText(row, 'owner'),
  status: oneOf(row, 'status', ['idle', 'running', 'failed', 'ended']),
  messageCount: integer(row, 'message_count'),
  lastError: nullableText(row, 'last_error'),
  createdAt: integer(row, 'created_at'),
  updatedAt: integer(row, 'updated_at'),
});

export const toMessage = (row: Row): Message => ({
  id: text(row, 'id'),
  sessionId: text(row, 'session_id'),
  seq: integer(row, 'seq'),
  role: oneOf(row, 'role', ['user', 'assistant']),
  content: text(row, 'content'),
  turnId: text(row, 'turn_id'),
  createdAt: integer(row, 'created_at'),
});

export const toTurn = (row: Row): Turn => ({
  id: text(row, 'id'),
  sessionId: text(row, 'session_id'),
  state: oneOf(row, 'state', ['running', 'done', 'failed']),
  capability: oneOf(row, 'capability', ['', 'continue', 'resume']),
  userMessageId: text(row, 'user_message_id'),
  assistantMessageId: nullableText(row, 'assistant_message_id'),
  error: nullableText(row, 'error'),
  createdAt: integer(row, 'created_at'),
  updatedAt: integer(row, 'updated_at'),
});

export const toEvent = (row: Row): SessionEvent => ({
  sessionId: text(row, 'session_id'),
  id: integer(row, 'id'),
  type: oneOf(row, 'type', ['status', 'message', 'delta', 'turn']),
  // Written by this store from a JsonObject, so parsing yields one.
  data: JSON.parse(text(row, 'data')) as JsonObject,
  createdAt: integer(row, 'created_at'),
});

export const toIdempotencyRecord = (row: Row): IdempotencyRecord => {
  const state = oneOf(row, 'state', ['in_flight', 'completed']);
  return {
    scope: { principal: text(row, 'principal'), route: text(row, 'route'), keyHash: text(row, 'key_hash') },
    fingerprint: text(row, 'fingerprint'),
    state,
    claimId: text(row, 'claim_id'),
    response: state === 'completed' ? toStoredResponse(row) : null,
    createdAt: integer(row, 'created_at'),
    expiresAt: integer(row, 'expires_at'),
    leaseExpiresAt: integer(row, 'lease_expires_at'),
  };
};

const toStoredResponse = (row: Row): StoredResponse => ({
  status: integer(row, 'response_status'),
  // Written by this store from a Record<string, string>.
  headers: JSON.parse(text(row, 'response_headers')) as Record<string, string>,
  body: text(row, 'response_body'),
});
