/**
 * The seam between the server shell (config, auth, guards, health, models list, metrics, CLI) and
 * the model plane (dialects, canonical representation, providers, streaming, WebSocket mode).
 * The shell builds one ModelPlane per server and mounts it; the model plane never reads config files,
 * never authenticates, and reports every request through the MetricsRecorder.
 */
import type { FastifyInstance } from 'fastify';
import type { MetricsRecorder } from '../metrics/recorder.ts';

/** A model as listed by GET /v1/models. */
export interface ListedModel {
  /** Provider-qualified id, e.g. `mock/mock-small`. */
  readonly id: string;
  readonly provider: string;
  /** The model's own name, e.g. `mock-small`. */
  readonly model: string;
  readonly displayName: string;
  /** Unix seconds. */
  readonly created: number;
}

export interface ModelCatalog {
  listModels(): readonly ListedModel[];
  /** Names of the configured providers, for "unknown model" errors. */
  providerNames(): readonly string[];
}

export interface ModelPlaneMountOptions {
  readonly metrics: MetricsRecorder;
  /** Principal id of the authenticated client key (never the key), set by the shell's auth hook. */
  readonly principalOf: (request: import('fastify').FastifyRequest) => string | undefined;
}

export interface ModelPlane extends ModelCatalog {
  /** Registers POST /v1/chat/completions, POST /v1/responses, GET /v1/responses (WS), POST /v1/messages. */
  mount(app: FastifyInstance, options: ModelPlaneMountOptions): void;
  /** Aborts in-flight upstream calls and closes WebSocket connections (graceful shutdown). */
  close(): Promise<void>;
}
