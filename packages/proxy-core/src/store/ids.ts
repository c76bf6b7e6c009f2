import { randomUUID } from 'node:crypto';

/** Identifier formats shared by every store, so ids look the same whatever the backend. */
export const newSessionId = (): string => `cp_${randomUUID()}`;
export const newMessageId = (): string => `msg_${randomUUID()}`;
export const newTurnId = (): string => `turn_${randomUUID()}`;
