/**
 * The control plane of one server: POST /message, GET /messages, /status, /events and DELETE /session over a
 * store, with the turn runner, the live event bus, the startup policy for interrupted turns and the
 * housekeeping timers. Everything is per instance (no module state), so servers in one process never share
 * sessions.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { SwitchyardConfig } from '../config/schema.ts';
import type { IdempotencyEngine } from '../idempotency/idempotency-engine.ts';
import type { MetricsRecorder } from '../metrics/recorder.ts';
import type { ModelPlane } from '../model-plane/contract.ts';
import type { ControlPlaneStore } from '../store/control-plane-store.ts';
import { SessionEventBus } from './event-bus.ts';
import { registerEventsRoute } from './events-route.ts';
import { registerMessageRoute } from './message-route.ts';
import { registerReadRoutes } from './read-routes.ts';
import { registerSessionRoute } from './session-route.ts';
import { TurnRunner } from './turn-runner.ts';

export interface ControlPlaneDeps {
  readonly config: SwitchyardConfig['controlPlane'];
  readonly store: ControlPlaneStore;
  readonly idempotency: IdempotencyEngine;
  readonly plane: Pick<ModelPlane, 'runTurn'>;
  readonly metrics: MetricsRecorder;
  readonly log: FastifyBaseLogger;
  readonly principalOf: (request: FastifyRequest) => string | undefined;
  readonly now: () => number;
}

export class ControlPlane {
  readonly bus = new SessionEventBus();
  readonly runner: TurnRunner;
  readonly #deps: ControlPlaneDeps;
  readonly #openStreams = new Set<() => void>();
  readonly #timers: NodeJS.Timeout[] = [];
  #unsubscribeStore: (() => Promise<void>) | undefined;

  constructor(deps: ControlPlaneDeps) {
    this.#deps = deps;
    this.runner = new TurnRunner({
      store: deps.store,
      plane: deps.plane,
      bus: this.bus,
      metrics: deps.metrics,
      log: deps.log,
    });
  }

  register(app: FastifyInstance): void {
    const { store, principalOf, now, config } = this.#deps;
    registerMessageRoute(app, { store, runner: this.runner, bus: this.bus, principalOf, now });
    registerReadRoutes(app, { store, runner: this.runner, principalOf });
    registerSessionRoute(app, { store, runner: this.runner, principalOf });
    registerEventsRoute(app, {
      store,
      bus: this.bus,
      heartbeatIntervalMs: config.events.heartbeatIntervalMs,
      openStreams: this.#openStreams,
      principalOf,
    });
  }

  /** Applies `interruptedTurns` to what the last process left running, then starts housekeeping. */
  async start(): Promise<void> {
    const { store, config, log } = this.#deps;
    // A shared store announces other replicas' appends: relay them so local /events streams follow those turns.
    this.#unsubscribeStore = await store.subscribeSessionEvents?.((sessionId) => {
      if (sessionId === undefined) this.bus.notifyAll();
      else this.bus.notify(sessionId);
    });
    const interrupted = await store.findInterruptedTurns();
    if (interrupted.length > 0) {
      log.info({ count: interrupted.length, policy: config.interruptedTurns }, 'interrupted turns found');
    }
    for (const turn of interrupted) {
      if (config.interruptedTurns === 'fail') {
        await store.failTurn({ turnId: turn.id, error: 'interrupted by a server restart' });
      } else if (config.interruptedTurns === 'resume') {
        const session = await store.getSession(turn.sessionId);
        // As its owner, like a client's resume: the provider sees the same principal (and upstream key).
        if (session !== undefined)
          this.runner.start(session, turn, session.owner ?? undefined, { restarted: true });
      }
    }
    this.#every(config.events.pruneIntervalMs, 'event pruning', () => store.pruneEvents());
    this.#every(config.idempotency.sweepIntervalMs, 'idempotency sweep', () =>
      this.#deps.idempotency.sweepExpired(),
    );
  }

  /** Stops timers, ends live streams, stops turns (they stay resumable) and waits for in-flight writes. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
    for (const stop of [...this.#openStreams]) stop();
    await this.runner.close();
    await this.#unsubscribeStore?.();
    this.#unsubscribeStore = undefined;
  }

  #every(intervalMs: number, name: string, task: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      task().catch((error: unknown) => this.#deps.log.error({ err: error }, `${name} failed`));
    }, intervalMs);
    // Housekeeping must never keep a process alive on its own.
    timer.unref();
    this.#timers.push(timer);
  }
}
