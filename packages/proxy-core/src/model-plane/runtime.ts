import type { FastifyRequest } from 'fastify';
import type { JsonLimits } from '../guards/json-limits.ts';
import type { MetricsRecorder } from '../metrics/recorder.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { SecretScrubber } from '../secrets/secret-scrubber.ts';
import type { CircuitBreakers } from '../streaming/circuit-breakers.ts';
import type { ModelPlaneConfig } from './config-schema.ts';

/** What every model route needs, built once per plane (no module globals). */
export interface PlaneRuntime {
  readonly config: ModelPlaneConfig;
  readonly registry: ProviderRegistry;
  readonly metrics: MetricsRecorder;
  readonly principalOf: (request: FastifyRequest) => string | undefined;
  /** Registers an in-flight call so shutdown can abort it; returns the unregister function. */
  readonly track: (controller: AbortController) => () => void;
  readonly random: () => number;
  /** Built from the plane's upstream keys: failures reach clients without them. */
  readonly scrubber: SecretScrubber;
  /** The plane's circuits per fallback target (streaming/circuit-breakers.ts). */
  readonly circuits: CircuitBreakers;
  /** Shape limits for client JSON that does not come through the HTTP body parser (WebSocket frames). */
  readonly jsonLimits?: JsonLimits | undefined;
}
