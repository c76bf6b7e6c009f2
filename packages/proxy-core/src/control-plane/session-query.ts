/**
 * The `?session_id=` every control-plane GET (and DELETE /session) needs: 400 when missing, 404 when unknown.
 *
 * Ownership: a session is visible to a request only when it belongs to the request's principal (the client
 * key id; none without client keys, which matches sessions created without keys). Anyone else's session is
 * answered exactly like an unknown one — never 403 — so a session id reveals nothing about whether it exists.
 */
import type { FastifyRequest } from 'fastify';
import type { SessionStore } from '../store/control-plane-store.ts';
import { missingSessionId, sessionNotFound } from './errors.ts';
import type { Session } from '../store/records.ts';

export function sessionIdParam(request: FastifyRequest): string {
  const query = request.query as Readonly<Record<string, unknown>> | undefined;
  const raw = query?.['session_id'];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '') throw missingSessionId();
  return value;
}

/** True when `principal` may see the session (its owner, or no principal for an ownerless session). */
function isVisibleTo(session: Session, principal: string | undefined): boolean {
  return session.owner === (principal ?? null);
}

/** The session when it exists and `principal` may see it; otherwise 404, the same for both cases. */
export async function requireOwnSession(
  store: SessionStore,
  sessionId: string,
  principal: string | undefined,
): Promise<Session> {
  const session = await store.getSession(sessionId);
  if (session === undefined || !isVisibleTo(session, principal)) throw sessionNotFound(sessionId);
  return session;
}

export function requireSession(
  store: SessionStore,
  request: FastifyRequest,
  principal: string | undefined,
): Promise<Session> {
  return requireOwnSession(store, sessionIdParam(request), principal);
}
