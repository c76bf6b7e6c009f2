/**
 * The gate every provider failure passes on its way to a client, whichever door it leaves by (HTTP JSON, SSE
 * error event, WebSocket frame, control-plane `/status` and `/events`, the store): the model call applies it
 * once, so no door has to remember. Upstream text is foreign — providers echo the key they were sent — so it
 * is scrubbed of every secret the plane holds, and a refused proxy key is the proxy's own words.
 */
import type { ApiErrorSpec } from '../http/api-error.ts';
import { isUpstreamAuthFailure, upstreamAuthFailure } from '../providers/shared/upstream-error.ts';
import type { SecretScrubber } from '../secrets/secret-scrubber.ts';

export function clientSafeError(
  spec: ApiErrorSpec,
  provider: string,
  scrubber: SecretScrubber,
): ApiErrorSpec {
  // An in-band (mid-stream) 401/403 has not been through the adapter's HTTP error mapping.
  if (isUpstreamAuthFailure(spec.status)) {
    return upstreamAuthFailure(provider, spec.status, `modelPlane.providers.${provider}.keys`);
  }
  const message = scrubber.scrub(spec.message);
  return message === spec.message ? spec : { ...spec, message };
}
