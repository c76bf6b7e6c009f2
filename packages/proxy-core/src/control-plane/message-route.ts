/**
 * POST /message: store a user message and run it as a model turn in the background (202), or — with
 * `capability: "resume"` — re-run the session's interrupted turn. Idempotency-Key is applied around this
 * handler by the shell (src/idempotency/http.ts), so a retried POST replays this 202 instead of appending.
 *
 * Without a `session_id` the message opens a new `cp_<uuid>` session. With one, the session must exist: an
 * unknown id is 404 `session_not_found` (a client cannot choose a new session's id). Only the session's owner
 * may post to it: anyone else gets the same 404, and the store checks existence and owner inside the append
 * transaction, so nothing is ever appended to someone else's session and no id is squatted.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionEnded } from '../store/errors.ts';
import { newSessionId } from '../store/ids.ts';
import type { SessionStore } from '../store/control-plane-store.ts';
import type { SessionEventBus } from './event-bus.ts';
import { fromStoreError, nothingToResume, resumeWithMessage } from './errors.ts';
import { readMessageCommand, type MessageCommand } from './message-body.ts';
import { requireOwnSession } from './session-query.ts';
import type { TurnRunner } from './turn-runner.ts';
import type { Message, Session, Turn } from '../store/records.ts';
import { eventsUrl, iso } from './wire.ts';

export const MESSAGE_ROUTE = '/message';

export interface MessageRouteDeps {
  readonly store: SessionStore;
  readonly runner: TurnRunner;
  readonly bus: SessionEventBus;
  readonly principalOf: (request: FastifyRequest) => string | undefined;
  readonly now: () => number;
}

export interface MessageAccepted {
  readonly session_id: string;
  readonly message_id: string;
  readonly turn_id: string;
  /** The session's status after the POST: `running` while the turn is in progress. */
  readonly status: Session['status'];
  readonly resumed: boolean;
  readonly received_at: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly message_count: number;
  readonly events_url: string;
}

function accepted(session: Session, turn: Turn, resumed: boolean, receivedAt: number): MessageAccepted {
  return {
    session_id: session.id,
    message_id: turn.userMessageId,
    turn_id: turn.id,
    status: session.status,
    resumed,
    received_at: iso(receivedAt),
    created_at: iso(session.createdAt),
    updated_at: iso(session.updatedAt),
    message_count: session.messageCount,
    events_url: eventsUrl(session.id),
  };
}

async function resume(
  deps: MessageRouteDeps,
  command: MessageCommand,
  sessionId: string,
  principal: string | undefined,
) {
  const session = await requireOwnSession(deps.store, sessionId, principal);
  if (session.status === 'ended') throw fromStoreError(sessionEnded(sessionId));
  const [interrupted] = await deps.runner.interruptedTurns(sessionId);
  if (interrupted !== undefined) {
    if (command.message !== '') throw resumeWithMessage(sessionId, interrupted.id);
    deps.runner.start(session, interrupted, principal, { restarted: true });
    return { session, turn: interrupted, resumed: true };
  }
  // Nothing interrupted: `resume` with a message is an ordinary message, without one there is nothing to do.
  if (command.message === '') throw nothingToResume(sessionId);
  return undefined;
}

async function append(
  deps: MessageRouteDeps,
  command: MessageCommand,
  sessionId: string | undefined,
  principal: string | undefined,
): Promise<{ session: Session; turn: Turn; message: Message }> {
  try {
    return await deps.store.appendUserMessage({
      sessionId: sessionId ?? newSessionId(),
      // A client names only sessions that exist (and are its own): an unknown id is 404, never a new session.
      existingOnly: sessionId !== undefined,
      owner: principal ?? null,
      content: command.message,
      capability: command.capability,
      ...(command.model === undefined ? {} : { model: command.model }),
    });
  } catch (error) {
    throw fromStoreError(error);
  }
}

export function registerMessageRoute(app: FastifyInstance, deps: MessageRouteDeps): void {
  app.post(MESSAGE_ROUTE, async (request, reply) => {
    const receivedAt = deps.now();
    const command = readMessageCommand(request.body);
    const principal = deps.principalOf(request);
    // `resume` needs an existing session; without a session_id (the body check saw a message) it is an
    // ordinary message in a new session.
    const resumed =
      command.capability === 'resume' && command.sessionId !== undefined
        ? await resume(deps, command, command.sessionId, principal)
        : undefined;
    if (resumed !== undefined) {
      return reply.code(202).send(accepted(resumed.session, resumed.turn, true, receivedAt));
    }
    const { session, turn } = await append(deps, command, command.sessionId, principal);
    deps.bus.notify(session.id);
    deps.runner.start(session, turn, principal);
    return reply.code(202).send(accepted(session, turn, false, receivedAt));
  });
}
