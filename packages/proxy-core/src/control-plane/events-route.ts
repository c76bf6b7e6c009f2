/**
 * GET /events?session_id=: a live SSE stream of the session's log. It first replays the retained events
 * after the client's cursor (`Last-Event-ID` or `?since=`), announcing `replay_window_exceeded` when some of
 * them were already pruned, then follows the log live, with heartbeats, until the session ends, the client
 * leaves or the server shuts down. Only the session's owner may open it (see session-query.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionStore } from '../store/control-plane-store.ts';
import { replayCursor } from './event-cursor.ts';
import type { SessionEventBus } from './event-bus.ts';
import { StreamWriter } from '../streaming/stream-writer.ts';
import { eventFrame } from './event-frame.ts';
import { requireSession } from './session-query.ts';
import type { EventsPage } from '../store/records.ts';

/** Events read per store query, so a long replay never loads a whole log at once. */
const PAGE_SIZE = 200;

export interface EventsRouteDeps {
  readonly store: SessionStore;
  readonly bus: SessionEventBus;
  readonly heartbeatIntervalMs: number;
  /** Open streams; shutdown ends each (a held-open SSE response would otherwise block server.close). */
  readonly openStreams: Set<() => void>;
  readonly principalOf: (request: FastifyRequest) => string | undefined;
}

function headersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

function windowExceededFrame(sessionId: string, requestedAfter: number, page: EventsPage): string {
  const resumedAfter = (page.events[0]?.id ?? page.lastEventId + 1) - 1;
  return eventFrame(resumedAfter, 'replay_window_exceeded', {
    session_id: sessionId,
    requested_after: requestedAfter,
    resumed_after: resumedAfter,
    message: `events ${requestedAfter + 1}…${resumedAfter} are no longer retained; continuing with the oldest retained event`,
  });
}

export function registerEventsRoute(app: FastifyInstance, deps: EventsRouteDeps): void {
  app.get('/events', async (request, reply) => {
    const session = await requireSession(deps.store, request, deps.principalOf(request));
    const cursor = replayCursor(request);
    const writer = new StreamWriter(reply.raw, {
      heartbeatIntervalMs: deps.heartbeatIntervalMs,
      heartbeatComment: 'heartbeat',
      closeConnectionOnEnd: true,
    });
    // Wake-ups are a flag plus a promise: a notify that lands while the loop is reading is never lost.
    let dirty = true;
    let wake: (() => void) | undefined;
    const poke = (): void => {
      dirty = true;
      wake?.();
    };
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      poke();
    };
    const unsubscribe = deps.bus.subscribe(session.id, poke);
    deps.openStreams.add(stop);
    reply.raw.on('close', stop);

    const headers = headersOf(reply);
    reply.hijack();
    writer.open(headers);
    try {
      let after = cursor ?? 0;
      let first = true;
      while (!stopped && !writer.closed) {
        if (!dirty) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        dirty = false;
        const page = await deps.store.eventsSince(session.id, after, PAGE_SIZE);
        if (first && cursor !== undefined && page.windowExceeded) {
          await writer.sendFrame(windowExceededFrame(session.id, cursor, page));
        }
        first = false;
        for (const event of page.events) {
          if (!(await writer.sendFrame(eventFrame(event.id, event.type, event.data)))) return;
          after = event.id;
        }
        if (page.events.length === PAGE_SIZE) {
          dirty = true;
          continue;
        }
        // Fully caught up: an ended session has nothing more to say.
        if ((await deps.store.getSession(session.id))?.status === 'ended') return;
      }
    } finally {
      unsubscribe();
      deps.openStreams.delete(stop);
      reply.raw.off('close', stop);
      writer.end();
    }
  });
}
