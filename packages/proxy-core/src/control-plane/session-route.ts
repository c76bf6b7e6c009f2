/**
 * DELETE /session?session_id=: ends a session for good. A turn in flight is aborted first and recorded as
 * failed together with the end (see TurnRunner.endSession); live `/events` streams then send the `ended`
 * status and close. Same 400/404 and ownership rules as the GET routes; ending twice answers 200 again.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionStore } from '../store/control-plane-store.ts';
import { fromStoreError } from './errors.ts';
import { requireSession } from './session-query.ts';
import type { TurnRunner } from './turn-runner.ts';
import type { Session } from '../store/records.ts';
import { iso } from './wire.ts';

export const SESSION_ROUTE = '/session';

export interface SessionRouteDeps {
  readonly store: SessionStore;
  readonly runner: TurnRunner;
  readonly principalOf: (request: FastifyRequest) => string | undefined;
}

export interface SessionEnded {
  readonly session_id: string;
  readonly status: Session['status'];
  readonly updated_at: string;
  readonly message_count: number;
}

export function registerSessionRoute(app: FastifyInstance, deps: SessionRouteDeps): void {
  app.delete(SESSION_ROUTE, async (request): Promise<SessionEnded> => {
    const session = await requireSession(deps.store, request, deps.principalOf(request));
    let ended: Session;
    try {
      ended = await deps.runner.endSession(session.id);
    } catch (error) {
      throw fromStoreError(error);
    }
    return {
      session_id: ended.id,
      status: ended.status,
      updated_at: iso(ended.updatedAt),
      message_count: ended.messageCount,
    };
  });
}
