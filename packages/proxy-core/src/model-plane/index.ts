import type { CooldownRelay } from '../providers/shared/cooldown-relay.ts';
import type { FastifyInstance } from 'fastify';
import type { ListedModel, ModelPlane, ModelPlaneMountOptions } from './contract.ts';
import { qualifiedModelId } from '../models/model-ref.ts';
import type { Provider } from '../providers/provider.ts';
import { PROVIDER_DESCRIPTORS } from '../providers/provider-list.ts';
import { ProviderRegistry, providerKeys, providersFrom } from '../providers/registry.ts';
import { registerChatCompletions } from '../routes/chat-completions.ts';
import { registerCompletions } from '../routes/completions.ts';
import { registerCountTokens } from '../routes/count-tokens.ts';
import { registerGemini } from '../routes/gemini.ts';
import { registerMessages } from '../routes/messages.ts';
import { registerResponses } from '../routes/responses.ts';
import { registerResponsesCompact } from '../routes/responses-compact.ts';
import { registerResponsesWebSocket, type SessionSet } from '../routes/responses-websocket.ts';
import { SecretScrubber } from '../secrets/secret-scrubber.ts';
import { CircuitBreakers, type CircuitRelay } from '../streaming/circuit-breakers.ts';
import { ShutdownError } from '../streaming/stream-errors.ts';
import type { ModelPlaneConfig } from './config-schema.ts';
import type { PlaneRuntime } from './runtime.ts';
import { checkRoutes } from './routes.ts';
import { createTurnRunner } from './run-turn.ts';
import { UpgradeBridge } from './upgrade-bridge.ts';
import { CLOSE_CODES } from './ws-frames.ts';

export {
  modelPlaneConfigSchema,
  type ModelPlaneConfig,
  type ModelPlaneConfigInput,
} from './config-schema.ts';

export interface ModelPlaneDeps {
  /** Extra providers, registered after the built-in ones (tests). */
  readonly providers?: readonly Provider[];
  /** Where provider `keysEnv` variables are read; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Clock for provider key cooldowns; injectable for tests. */
  readonly now?: () => number;
  /** Jitter source for retry backoff; injectable for deterministic tests. */
  readonly random?: () => number;
  /** Shares key cooldowns between replicas (connected by a shared store); absent: per process. */
  readonly cooldownRelay?: CooldownRelay;
  /** Shares circuit openings and closings between replicas; absent: per process. */
  readonly circuitRelay?: CircuitRelay;
}

function buildRegistry(config: ModelPlaneConfig, deps: ModelPlaneDeps): ProviderRegistry {
  const registry = new ProviderRegistry();
  const environment = {
    env: deps.env ?? process.env,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.cooldownRelay === undefined ? {} : { relay: deps.cooldownRelay }),
  };
  for (const provider of providersFrom(PROVIDER_DESCRIPTORS, config.providers, environment))
    registry.register(provider);
  for (const provider of deps.providers ?? []) registry.register(provider);
  return registry;
}

/** The model plane of one server: providers, dialect routes, streaming and WebSocket mode. */
export function createModelPlane(config: ModelPlaneConfig, deps: ModelPlaneDeps = {}): ModelPlane {
  const registry = buildRegistry(config, deps);
  checkRoutes(config.routes, registry);
  const credentials = providerKeys(PROVIDER_DESCRIPTORS, config.providers, deps.env ?? process.env);
  // The keys this plane sends are the only secrets upstream text can hold; errors leave the plane without them.
  const scrubber = new SecretScrubber(credentials);
  const random = deps.random ?? Math.random;
  const circuits = new CircuitBreakers(config.circuit, deps.now, deps.circuitRelay);
  const inflight = new Set<AbortController>();
  const sessions: SessionSet = new Set();
  let mounted = false;

  return {
    listModels(): readonly ListedModel[] {
      return registry.all().flatMap((provider) =>
        provider.models().map((model) => ({
          id: qualifiedModelId(provider.name, model.id),
          provider: provider.name,
          model: model.id,
          displayName: model.displayName,
          created: model.created,
        })),
      );
    },
    providerNames: () => registry.names(),
    credentials: () => credentials,
    openCircuits: () => circuits.openTargets(),
    runTurn: createTurnRunner({ config, registry, inflight, random, scrubber, circuits }),
    mount(app: FastifyInstance, options: ModelPlaneMountOptions): void {
      if (mounted) throw new Error('the model plane is already mounted; build one plane per server');
      mounted = true;
      const runtime: PlaneRuntime = {
        config,
        registry,
        metrics: options.metrics,
        principalOf: options.principalOf,
        track: (controller) => {
          inflight.add(controller);
          return () => inflight.delete(controller);
        },
        random,
        scrubber,
        circuits,
        jsonLimits: options.jsonLimits,
      };
      const bridge = new UpgradeBridge();
      bridge.attach(app);
      registerChatCompletions(app, runtime);
      registerCompletions(app, runtime);
      registerResponses(app, runtime);
      registerResponsesCompact(app, runtime);
      registerResponsesWebSocket(app, runtime, bridge, sessions);
      registerMessages(app, runtime);
      registerCountTokens(app, runtime);
      registerGemini(app, runtime);
    },
    close(): Promise<void> {
      for (const controller of inflight) controller.abort(new ShutdownError());
      for (const session of sessions) session.close(CLOSE_CODES.goingAway, 'server shutting down');
      inflight.clear();
      sessions.clear();
      return Promise.resolve();
    },
  };
}
