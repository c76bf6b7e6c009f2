/**
 * Runs session turns in the background: the POST that opened a turn answers 202 at once, the model's reply
 * streams into the event log as `delta` events, and the stored reply closes the turn. One runner per server.
 *
 * Crash semantics: a turn is only ever closed by `completeTurn` or `failTurn`, each one transaction. When
 * the server shuts down mid-turn the runner writes nothing, so the turn stays `running` and is exactly what
 * `findInterruptedTurns` reports after the restart — resumable, never half-written. Ending a session
 * (`endSession`) likewise stops its turn without writing, then fails it and ends the session in one store
 * transaction, so the session's final event is always its `ended` status.
 *
 * Each turn reaches the provider with the turn id as its idempotency key, so a resumed turn re-sends the
 * same key upstream (a provider honouring Idempotency-Key answers a retried call once).
 */
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError } from '../http/api-error.ts';
import type { MetricsRecorder } from '../metrics/recorder.ts';
import type { ModelPlane, TurnMessage } from '../model-plane/contract.ts';
import type { SessionStore } from '../store/control-plane-store.ts';
import { turnPayload } from '../store/event-payloads.ts';
import type { SessionEventBus } from './event-bus.ts';
import type { Message, Session, Turn } from '../store/records.ts';

/** Route label under which control-plane turns appear in metrics. */
export const TURN_METRICS_ROUTE = 'POST /message';

export interface TurnRunnerDeps {
  readonly store: SessionStore;
  readonly plane: Pick<ModelPlane, 'runTurn'>;
  readonly bus: SessionEventBus;
  readonly metrics: MetricsRecorder;
  readonly log: FastifyBaseLogger;
}

class ShuttingDown extends Error {
  override readonly name = 'ShuttingDown';
}

class SessionEnding extends Error {
  override readonly name = 'SessionEnding';
}

/** The error a turn still running when its session is ended is failed with (`/status.last_error`). */
export const ENDED_TURN_ERROR = 'the session was ended before this turn finished';

/** Aborts the runner itself caused: the turn is not failed by the runner (it stays running, or is ended). */
const stoppedByRunner = (signal: AbortSignal): boolean =>
  signal.aborted && (signal.reason instanceof ShuttingDown || signal.reason instanceof SessionEnding);

/** The conversation up to and including the turn's user message: completed turns are context, not re-run. */
export function historyFor(messages: readonly Message[], turn: Turn): TurnMessage[] {
  const userMessage = messages.find((message) => message.id === turn.userMessageId);
  if (userMessage === undefined) throw new Error(`turn ${turn.id} has no stored user message`);
  return messages
    .filter((message) => message.seq <= userMessage.seq)
    .map((message) => ({ role: message.role, text: message.content }));
}

export class TurnRunner {
  readonly #deps: TurnRunnerDeps;
  readonly #active = new Map<
    string,
    { readonly sessionId: string; readonly controller: AbortController; readonly done: Promise<void> }
  >();
  /** Sessions being ended: no turn of theirs starts meanwhile. */
  readonly #ending = new Map<string, Promise<Session>>();
  #closing = false;

  constructor(deps: TurnRunnerDeps) {
    this.#deps = deps;
  }

  /** True while this process runs the turn (so it is in progress, not interrupted). */
  isActive(turnId: string): boolean {
    return this.#active.has(turnId);
  }

  /** Turns of the session left running by a crash or restart (not being run by this process). */
  async interruptedTurns(sessionId?: string): Promise<readonly Turn[]> {
    const running = await this.#deps.store.findInterruptedTurns(sessionId);
    return running.filter((turn) => !this.isActive(turn.id));
  }

  /**
   * Starts the turn in the background; its outcome lands in the store and the event log. `restarted`: the turn
   * was interrupted and runs again (a resume): before its new deltas, a `turn` event with `restarted: true`
   * marks the restart, so a client rebuilds the reply from the deltas after the turn's last such marker.
   */
  start(
    session: Session,
    turn: Turn,
    principal: string | undefined,
    options: { restarted?: boolean } = {},
  ): void {
    if (this.#closing || this.#ending.has(session.id) || this.isActive(turn.id)) return;
    const controller = new AbortController();
    const done = this.#run(session, turn, principal, controller.signal, options.restarted === true).finally(
      () => this.#active.delete(turn.id),
    );
    this.#active.set(turn.id, { sessionId: session.id, controller, done });
  }

  /**
   * Ends the session for good: aborts its turn in flight (the upstream call is cancelled) and waits until
   * that turn has stopped writing, then — in one store transaction — fails any turn still running (this one,
   * or one a crash interrupted) and marks the session `ended`; finally wakes its `/events` streams, which
   * send the `ended` status and close. Idempotent: ending an ended session changes nothing.
   */
  endSession(sessionId: string): Promise<Session> {
    const pending = this.#ending.get(sessionId);
    if (pending !== undefined) return pending;
    const ending = this.#end(sessionId).finally(() => this.#ending.delete(sessionId));
    this.#ending.set(sessionId, ending);
    return ending;
  }

  async #end(sessionId: string): Promise<Session> {
    const { store, bus } = this.#deps;
    const stopping = [...this.#active.values()].filter((active) => active.sessionId === sessionId);
    for (const { controller } of stopping) controller.abort(new SessionEnding());
    await Promise.all(stopping.map(({ done }) => done));
    const ended = await store.endSession(sessionId, { failRunningTurn: ENDED_TURN_ERROR });
    bus.notify(sessionId);
    return ended;
  }

  /** Stops every turn without closing it (they stay resumable) and waits until none is writing. */
  async close(): Promise<void> {
    this.#closing = true;
    for (const { controller } of this.#active.values()) controller.abort(new ShuttingDown());
    await Promise.all([...this.#active.values()].map(({ done }) => done));
  }

  async #run(
    session: Session,
    turn: Turn,
    principal: string | undefined,
    signal: AbortSignal,
    restarted: boolean,
  ): Promise<void> {
    const { store, plane, bus, metrics, log } = this.#deps;
    const startedAt = performance.now();
    let provider: string | undefined;
    try {
      if (restarted) {
        // Several replicas may see the same interrupted turn: only the one that adopts it runs it.
        if (store.adoptInterruptedTurn !== undefined && !(await store.adoptInterruptedTurn(turn.id))) {
          log.info({ sessionId: session.id, turnId: turn.id }, 'turn is being resumed by another replica');
          return;
        }
        // Deltas an interrupted attempt streamed stay in the log; this marks where the re-run's begin.
        await store.appendEvent(session.id, 'turn', { ...turnPayload(turn), restarted: true });
        bus.notify(session.id);
      }
      const history = historyFor(await store.listMessages(session.id), turn);
      const result = await plane.runTurn({
        model: session.model,
        messages: history,
        signal,
        requestId: turn.id,
        // Stable per turn: a resumed turn sends the same key upstream as its first attempt did.
        idempotencyKey: turn.id,
        sessionId: session.id,
        ...(principal === undefined ? {} : { principal }),
        // Known before the call, so a failed turn counts as its provider's failure.
        onRouted: (name) => {
          provider = name;
        },
        onDelta: async (text) => {
          if (signal.aborted) return;
          await store.appendEvent(session.id, 'delta', { session_id: session.id, turn_id: turn.id, text });
          bus.notify(session.id);
        },
      });
      provider = result.provider;
      // Stopped meanwhile (shutdown, or the session is being ended): whoever stopped it decides its fate.
      if (this.#closing || stoppedByRunner(signal)) return;
      await store.completeTurn({ turnId: turn.id, content: result.text });
      metrics.record({
        provider,
        route: TURN_METRICS_ROUTE,
        status: 200,
        success: true,
        latencyMs: performance.now() - startedAt,
        ...(result.ttftMs === undefined ? {} : { ttftMs: result.ttftMs }),
        ...(result.totalTokens === undefined ? {} : { totalTokens: result.totalTokens }),
      });
    } catch (error) {
      // Shutting down is not a failure of the turn: leave it running so it can be resumed after restart.
      // Ending the session fails it in the same transaction that ends the session (see endSession).
      if (this.#closing || stoppedByRunner(signal)) return;
      const status = error instanceof ApiError ? error.spec.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ err: error, sessionId: session.id, turnId: turn.id }, 'control-plane turn failed');
      metrics.record({
        provider,
        route: TURN_METRICS_ROUTE,
        status,
        success: false,
        latencyMs: performance.now() - startedAt,
      });
      await store.failTurn({ turnId: turn.id, error: message }).catch((failError: unknown) => {
        log.error({ err: failError, turnId: turn.id }, 'could not record the failed turn');
      });
    } finally {
      bus.notify(session.id);
    }
  }
}
