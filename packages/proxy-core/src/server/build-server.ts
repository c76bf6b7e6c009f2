/**
 * Assembles one server: validated config → logger → guards → auth → shell routes → model plane.
 * Every call builds a fresh fastify instance, registry and model plane, so servers never share
 * state, and the route table is fixed once `buildServer` resolves.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { installAuth, type PrincipalOf } from '../auth/auth-hook.ts';
import { validateConfig } from '../config/load.ts';
import type { SwitchyardConfig, SwitchyardConfigInput } from '../config/schema.ts';
import { installJsonBodyParsing } from '../guards/body-parsing.ts';
import { installCors } from '../guards/cors.ts';
import { installHostGuard } from '../guards/host-guard.ts';
import { installOriginGuard } from '../guards/origin-guard.ts';
import { createLogger } from '../logging/logger.ts';
import { collectSecrets } from '../secrets/collect-secrets.ts';
import { installEgressScrub } from '../secrets/egress-hook.ts';
import { SecretScrubber } from '../secrets/secret-scrubber.ts';
import { ServerMetrics } from '../metrics/server-metrics.ts';
import { registerHealthRoutes, type Readiness } from '../routes/health.ts';
import { registerMetricsRoutes } from '../routes/metrics.ts';
import { registerGeminiModelRoutes } from '../routes/gemini-models.ts';
import { registerModelRoutes } from '../routes/models.ts';
import { ControlPlane } from '../control-plane/control-plane.ts';
import { resolveDataDir } from '../control-plane/data-dir.ts';
import { installIdempotency } from '../idempotency/http.ts';
import { IdempotencyEngine } from '../idempotency/idempotency-engine.ts';
import type { ControlPlaneStore } from '../store/control-plane-store.ts';
import type { EventRetention } from '../store/event-retention.ts';
import { CooldownRelay, parseSharedCooldown } from '../providers/shared/cooldown-relay.ts';
import type { Relay } from '../providers/shared/relay.ts';
import { CircuitRelay, parseSharedCircuit } from '../streaming/circuit-breakers.ts';
import { openConfiguredStore, storeSecrets } from '../store/open-store.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { installErrorHandler } from './error-handler.ts';
import { serverTimeoutOptions } from './server-timeouts.ts';
import type { ModelPlane } from '../model-plane/contract.ts';

export type ModelPlaneFactory = (
  config: SwitchyardConfig['modelPlane'],
  shared: { readonly cooldownRelay: CooldownRelay; readonly circuitRelay: CircuitRelay },
) => ModelPlane;

/** The broadcast topics on which replicas share routing state. */
const KEY_COOLDOWNS_TOPIC = 'key-cooldowns';
const CIRCUITS_TOPIC = 'circuits';

/** Connects a relay to the store's broadcast topic (a no-op for a store of one process); returns its closer. */
async function shareThroughStore<T>(
  store: ControlPlaneStore,
  topic: string,
  relay: Relay<T>,
  parse: (message: unknown) => T | undefined,
): Promise<() => Promise<void>> {
  const broadcast = await store.openBroadcast?.(topic, (message) => {
    const parsed = parse(message);
    if (parsed !== undefined) relay.receive(parsed);
  });
  if (broadcast === undefined) return () => Promise.resolve();
  relay.connect((message) => broadcast.publish(message));
  return async () => {
    relay.disconnect();
    await broadcast.close();
  };
}

export interface StoreSettings {
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  readonly eventRetention: EventRetention;
}

export type StoreFactory = (settings: StoreSettings) => ControlPlaneStore | Promise<ControlPlaneStore>;

/** The embedded default: SQLite in the data directory. */
export const openSqliteStore = (settings: StoreSettings): SqliteStore => SqliteStore.open(settings);

export interface ServerDependencies {
  readonly createModelPlane: ModelPlaneFactory;
  /** Opens the control-plane store; when absent, the one `controlPlane.store` names (SQLite by default). */
  readonly openStore?: StoreFactory | undefined;
  /** Environment for defaults (the XDG data directory); `process.env` when absent. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Where log lines go; stdout when absent. */
  readonly logDestination?: DestinationStream | undefined;
}

export interface SwitchyardServer {
  readonly app: FastifyInstance;
  readonly config: SwitchyardConfig;
  readonly metrics: ServerMetrics;
  /** `METHOD /path` for every registered route, sorted. */
  readonly routes: readonly string[];
  readonly principalOf: PrincipalOf;
  readonly controlPlane: ControlPlane;
  /** Absolute path of the data directory the store was opened in. */
  readonly dataDir: string;
  /** Starts listening on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Marks the server not-ready (503 on /readyz), aborts model work, closes connections. */
  close(): Promise<void>;
}

export async function buildServer(
  input: SwitchyardConfigInput,
  dependencies: ServerDependencies,
): Promise<SwitchyardServer> {
  const config = validateConfig(input);
  // The plane comes first: the egress scrub must know every upstream key it holds, environment ones included.
  // Key cooldowns and circuits reach the other replicas once a shared store connects the relays (below).
  const cooldownRelay = new CooldownRelay();
  const circuitRelay = new CircuitRelay();
  const modelPlane = dependencies.createModelPlane(config.modelPlane, { cooldownRelay, circuitRelay });
  const scrubber = new SecretScrubber([
    ...collectSecrets(config),
    ...modelPlane.credentials(),
    ...storeSecrets(config.controlPlane.store),
  ]);
  // Typed as fastify's base logger so the instance is a plain FastifyInstance for routes and plugins.
  const logger: FastifyBaseLogger = createLogger({
    level: config.logging.level,
    scrubber,
    destination: dependencies.logDestination,
  });
  const app: FastifyInstance = Fastify({
    loggerInstance: logger,
    bodyLimit: config.server.bodyLimitBytes,
    ...serverTimeoutOptions(config.server.timeouts),
    // By the time connections are closed, preClose has already aborted model work and ended /events
    // streams; sockets node cannot classify as idle (taken-over SSE/WebSocket ones) must not hang close().
    forceCloseConnections: true,
  });

  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push(`${method} ${route.url}`);
  });

  installErrorHandler(app);
  installEgressScrub(app, scrubber);
  installJsonBodyParsing(app, config.server.limits);
  // Order matters: rebinding and origin checks answer before CORS and auth ever look at a request.
  installHostGuard(app, config.server.host, config.server.allowedHosts);
  installOriginGuard(app, config.cors.allowedOrigins);
  await installCors(app, config.cors);
  const principalOf = installAuth(app, config.auth);

  const dataDir = resolveDataDir(config.controlPlane.dataDir, dependencies.env ?? process.env);
  const storeSettings: StoreSettings = {
    dataDir,
    eventRetention: {
      maxEventsPerSession: config.controlPlane.events.maxPerSession,
      maxEventAgeMs: config.controlPlane.events.maxAgeMs,
    },
  };
  const store = await (dependencies.openStore?.(storeSettings) ??
    openConfiguredStore({ ...storeSettings, store: config.controlPlane.store }));
  const relays = [
    await shareThroughStore(store, KEY_COOLDOWNS_TOPIC, cooldownRelay, parseSharedCooldown),
    await shareThroughStore(store, CIRCUITS_TOPIC, circuitRelay, parseSharedCircuit),
  ];
  app.addHook('onClose', async () => {
    for (const close of relays) await close();
    await store.close();
  });
  const idempotency = new IdempotencyEngine(store, {
    retentionMs: config.controlPlane.idempotency.retentionMs,
  });
  installIdempotency(app, { engine: idempotency, principalOf });

  const metrics = new ServerMetrics(config.metrics.latencySamples, modelPlane.providerNames(), () =>
    modelPlane.openCircuits(),
  );
  const readiness: Readiness = { draining: false };
  registerHealthRoutes(app, readiness);
  registerModelRoutes(app, modelPlane);
  registerGeminiModelRoutes(app, modelPlane);
  registerMetricsRoutes(app, metrics);
  modelPlane.mount(app, { metrics, principalOf, jsonLimits: config.server.limits });
  const controlPlane = new ControlPlane({
    config: config.controlPlane,
    store,
    idempotency,
    plane: modelPlane,
    metrics,
    log: app.log,
    principalOf,
    now: Date.now,
  });
  controlPlane.register(app);

  app.addHook('preClose', async () => {
    readiness.draining = true;
    // Control plane first: its turns are model calls, and it must stop them as "interrupted", not failed.
    await controlPlane.close();
    await modelPlane.close();
  });
  try {
    await app.ready();
    await controlPlane.start();
  } catch (error) {
    await app.close();
    throw error;
  }

  return {
    app,
    config,
    metrics,
    routes: routes.sort(),
    principalOf,
    controlPlane,
    dataDir,
    listen: () =>
      app.listen({ host: config.server.host, port: config.server.port, backlog: config.server.backlog }),
    close: async () => {
      readiness.draining = true;
      await app.close();
    },
  };
}
