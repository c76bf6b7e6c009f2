/**
 * The records a write creates, the same on every store: a new session (idle, no messages) and the running turn
 * a user message starts. The stores that build rows in TypeScript (MemoryStore, RedisStore) share these, so a
 * session or turn reads the same whichever store wrote it; SqliteStore's column defaults say the same in SQL.
 */
import type { CapabilityLabel, Session, Turn } from './records.ts';

export function newSession(id: string, model: string, owner: string | null, now: number): Session {
  return {
    id,
    model,
    owner,
    status: 'idle',
    messageCount: 0,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function newRunningTurn(
  id: string,
  sessionId: string,
  capability: CapabilityLabel,
  userMessageId: string,
  now: number,
): Turn {
  return {
    id,
    sessionId,
    state: 'running',
    capability,
    userMessageId,
    assistantMessageId: null,
    error: null,
    createdAt: now,
    updatedAt: now,
  };
}
