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
import { collectSecrets } from '../logging/redact.ts';
import { ServerMetrics } from '../metrics/server-metrics.ts';
import { registerHealthRoutes, type Readiness } from '../routes/health.ts';
import { registerMetricsRoutes } from '../routes/metrics.ts';
import { registerModelRoutes } from '../routes/models.ts';
import { installErrorHandler } from './error-handler.ts';
import type { ModelPlane } from './model-plane-contract.ts';

export type ModelPlaneFactory = (config: SwitchyardConfig['modelPlane']) => ModelPlane;

export interface ServerDependencies {
  readonly createModelPlane: ModelPlaneFactory;
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
  // Typed as fastify's base logger so the instance is a plain FastifyInstance for routes and plugins.
  const logger: FastifyBaseLogger = createLogger({
    level: config.logging.level,
    secrets: collectSecrets(config),
    destination: dependencies.logDestination,
  });
  const app: FastifyInstance = Fastify({ loggerInstance: logger, bodyLimit: config.server.bodyLimitBytes });

  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push(`${method} ${route.url}`);
  });

  installErrorHandler(app);
  installJsonBodyParsing(app);
  // Order matters: rebinding and origin checks answer before CORS and auth ever look at a request.
  installHostGuard(app, config.server.host, config.server.allowedHosts);
  installOriginGuard(app, config.cors.allowedOrigins);
  await installCors(app, config.cors);
  const principalOf = installAuth(app, config.auth);

  const modelPlane = dependencies.createModelPlane(config.modelPlane);
  const metrics = new ServerMetrics(config.metrics.latencySamples, modelPlane.providerNames());
  const readiness: Readiness = { draining: false };
  registerHealthRoutes(app, readiness);
  registerModelRoutes(app, modelPlane);
  registerMetricsRoutes(app, metrics);
  modelPlane.mount(app, { metrics, principalOf });

  app.addHook('preClose', async () => {
    readiness.draining = true;
    await modelPlane.close();
  });
  await app.ready();

  return {
    app,
    config,
    metrics,
    routes: routes.sort(),
    principalOf,
    listen: () => app.listen({ host: config.server.host, port: config.server.port }),
    close: async () => {
      readiness.draining = true;
      await app.close();
    },
  };
}
