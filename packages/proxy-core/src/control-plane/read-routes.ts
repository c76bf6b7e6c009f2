/**
 * GET /messages and GET /status: read-only views of one session (`?session_id=` required), visible only to
 * the session's owner (see session-query.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionStore } from '../store/control-plane-store.ts';
import { requireSession } from './session-query.ts';
import type { TurnRunner } from './turn-runner.ts';
import { wireMessage, wireStatus } from './wire.ts';

export interface ReadRouteDeps {
  readonly store: SessionStore;
  readonly runner: TurnRunner;
  readonly principalOf: (request: FastifyRequest) => string | undefined;
}

export function registerReadRoutes(app: FastifyInstance, deps: ReadRouteDeps): void {
  // Messages in insertion order; the store returns copies, so nothing a client does to a reply is stored.
  app.get('/messages', async (request) => {
    const session = await requireSession(deps.store, request, deps.principalOf(request));
    const messages = await deps.store.listMessages(session.id);
    return { session_id: session.id, messages: messages.map(wireMessage) };
  });

  app.get('/status', async (request) => {
    const session = await requireSession(deps.store, request, deps.principalOf(request));
    const [interrupted] = await deps.runner.interruptedTurns(session.id);
    return wireStatus(session, interrupted?.id ?? null);
  });
}
