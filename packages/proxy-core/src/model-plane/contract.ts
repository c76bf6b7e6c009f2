/**
 * The seam between the server shell (config, auth, guards, health, models list, metrics, CLI) and
 * the model plane (dialects, canonical representation, providers, streaming, WebSocket mode).
 * The shell builds one ModelPlane per server and mounts it; the model plane never reads config files,
 * never authenticates, and reports every request through the MetricsRecorder.
 */
import type { FastifyInstance } from 'fastify';
import type { JsonLimits } from '../guards/json-limits.ts';
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
  /**
   * The shell's body shape limits (`server.limits`). HTTP bodies are checked by the shell's parser; WebSocket
   * frames never pass it, so the plane checks them with the same limits. Absent: frames are not checked.
   */
  readonly jsonLimits?: JsonLimits | undefined;
}

/** One message of a conversation the control plane hands to the model plane (text only). */
export interface TurnMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

/** A model turn run programmatically (POST /message), through the same routing, thinking and deadlines. */
export interface TurnRequest {
  /** The session's model, as a client would write it (`mock`, `openai/gpt-4o`, `model(high)`). */
  readonly model: string;
  readonly messages: readonly TurnMessage[];
  /** Aborts the upstream call (shutdown, session work cancelled). */
  readonly signal: AbortSignal;
  /** Reaches the provider as request metadata (tracing). */
  readonly requestId: string;
  /**
   * Reaches the provider as request metadata, which providers configured to do so forward upstream as
   * `Idempotency-Key`. Keep it stable across retries of the same logical call (the control plane uses the
   * turn id, so a resumed turn sends the same key again).
   */
  readonly idempotencyKey?: string;
  readonly sessionId?: string;
  readonly principal?: string;
  /** Called with every text delta as it streams; awaited, so a slow consumer slows the upstream read. */
  readonly onDelta?: (text: string) => Promise<void> | void;
  /**
   * Called when routing has chosen the provider, before the upstream call, and again with the fallback's
   * provider when a fallback serves: a turn that then fails is still that provider's failure in metrics, as an
   * HTTP request is (a turn that fails before routing, e.g. an unknown model, has none).
   */
  readonly onRouted?: (provider: string) => void;
}

export interface TurnResult {
  /** The assistant's text (reasoning and tool calls are not part of a control-plane reply). */
  readonly text: string;
  /** The provider the routing chose, for metrics. */
  readonly provider: string;
  /** Time to the first content token in milliseconds, when one arrived. */
  readonly ttftMs?: number;
  readonly totalTokens?: number;
}

export interface ModelPlane extends ModelCatalog {
  /**
   * The upstream keys this plane sends (from the config and from each provider's `keysEnv` variables):
   * the shell censors them in every log line.
   */
  credentials(): readonly string[];
  /** Registers POST /v1/chat/completions, POST /v1/responses, GET /v1/responses (WS), POST /v1/messages. */
  mount(app: FastifyInstance, options: ModelPlaneMountOptions): void;
  /**
   * Runs one model turn without HTTP. Failures reject with ApiError (model not found, upstream errors,
   * deadlines); an abort through `signal` rejects with the signal's reason.
   */
  runTurn(request: TurnRequest): Promise<TurnResult>;
  /** Aborts in-flight upstream calls and closes WebSocket connections (graceful shutdown). */
  close(): Promise<void>;
  /** The fallback targets (`provider/model`) whose circuit is open now, for metrics. */
  openCircuits(): readonly string[];
}
