/** The `?session_id=` every control-plane GET needs: 400 when missing, 404 when unknown. */
import type { FastifyRequest } from 'fastify';
import type { SessionStore } from '../store/control-plane-store.ts';
import { missingSessionId, sessionNotFound } from './errors.ts';
import type { Session } from './types.ts';

export function sessionIdParam(request: FastifyRequest): string {
  const query = request.query as Readonly<Record<string, unknown>> | undefined;
  const raw = query?.['session_id'];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '') throw missingSessionId();
  return value;
}

export async function requireSession(store: SessionStore, request: FastifyRequest): Promise<Session> {
  const sessionId = sessionIdParam(request);
  const session = await store.getSession(sessionId);
  if (session === undefined) throw sessionNotFound(sessionId);
  return session;
}
