import type { ResponsesEnvelope } from '../dialects/openai-responses/response-object.ts';
import { routingHeaders, type PreparedTarget } from './prepare-call.ts';

/** OpenAI's limit on one `metadata` value (Response.metadata: strings of at most 512 characters). */
const VALUE_LIMIT = 512;

/**
 * WebSocket mode has no response headers per turn, so the facts an HTTP client reads in the `x-switchyard-*`
 * headers (provider, model, dropped fields and tools, thinking adjustments) ride in the Response's own
 * `metadata`, under the same names, on every event that carries the Response (`response.created` first). It is a
 * field of OpenAI's published Response object, so a client that does not look (the Codex CLI) is unaffected. The
 * client's own metadata keys are kept; a routing key replaces a client key of the same name.
 */
export function withRoutingMetadata(envelope: ResponsesEnvelope, target: PreparedTarget): ResponsesEnvelope {
  const routing = Object.fromEntries(
    Object.entries(routingHeaders(target)).map(([name, value]) => [name, capped(value)]),
  );
  return { ...envelope, body: { ...envelope.body, metadata: { ...envelope.body.metadata, ...routing } } };
}

function capped(value: string): string {
  return value.length <= VALUE_LIMIT ? value : `${value.slice(0, VALUE_LIMIT - 1)}…`;
}
