import { performance } from 'node:perf_hooks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DecodedRequest, ModelTarget } from '../canonical/request.ts';
import { ResponseAccumulator, type CanonicalResponse } from '../canonical/response.ts';
import { ApiError } from '../http/api-error.ts';
import { newCallStats, openModelCall, type CallStats, type ModelCall } from '../streaming/model-call.ts';
import type { StreamEncoder, StreamFraming } from '../streaming/outbound.ts';
import { StreamWriter } from '../streaming/stream-writer.ts';
import { ClientGoneError, TRUNCATED_SPEC } from '../streaming/stream-errors.ts';
import { observation, statusOf } from './observation.ts';
import { callOptions, prepareCall, requestMetadata, routingHeaders, servedTarget } from './prepare-call.ts';
import { FALLBACK_HEADER, fallbackHeaderTargets } from './routes.ts';
import type { PlaneRuntime } from './runtime.ts';

/** How one client dialect plugs into the shared request pipeline. */
export interface DialectHandler<D extends DecodedRequest> {
  readonly route: string;
  decode(body: unknown): D;
  /** Rejects what decoding alone cannot (e.g. HTTP-only restrictions); optional. */
  check?(decoded: D): void;
  /** Client headers kept for an upstream that speaks the client's API (`anthropic-beta`), see NativeFields. */
  readonly nativeHeaders?: readonly string[];
  json(response: CanonicalResponse, decoded: D, target: ModelTarget): unknown;
  encoder(decoded: D, target: ModelTarget): StreamEncoder;
  /** How the stream's events are laid out in the body; SSE when absent (Gemini's JSON array otherwise). */
  readonly framing?: StreamFraming;
}

/**
 * The one pipeline behind every HTTP model route: decode → resolve → call (with retries before the
 * first byte) → JSON or a stream (SSE unless the dialect frames it otherwise). Errors before the first byte are
 * thrown as ApiError for the shell's error handler; errors after it become the dialect's error event. Every
 * request is recorded in metrics.
 */
export async function handleModelRequest<D extends DecodedRequest>(
  runtime: PlaneRuntime,
  handler: DialectHandler<D>,
  http: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const startedAt = performance.now();
  let provider: string | undefined;
  // Filled in by the call even when it throws, so a failed chain's attempts still reach the metrics.
  let stats: CallStats | undefined;
  const controller = new AbortController();
  const untrack = runtime.track(controller);
  // 'close' on the response fires when the client goes away; abort the upstream at once.
  const onClose = (): void => {
    if (!reply.raw.writableFinished) controller.abort(new ClientGoneError());
  };
  reply.raw.on('close', onClose);
  try {
    const decoded = withNativeHeaders(handler.decode(http.body), handler.nativeHeaders, http.headers);
    handler.check?.(decoded);
    const prepared = prepareCall(runtime, decoded, fallbackHeaderTargets(http.headers[FALLBACK_HEADER]));
    provider = prepared.provider.name;
    // Set before the call, so upstream errors and SSE streams (which copy reply headers) carry them too.
    void reply.headers(routingHeaders(prepared));
    const metadata = requestMetadata(runtime, http, decoded.model);
    stats = newCallStats();
    const call = await openModelCall(callOptions(runtime, prepared, metadata, controller, startedAt, stats));
    // The answer, its headers and its metrics name the target that served it (issue 10, S16).
    const served = servedTarget(prepared, call.stats.fallbacksUsed);
    provider = served.provider.name;
    if (call.stats.fallbacksUsed > 0) {
      void reply.headers({
        ...routingHeaders(served),
        'x-switchyard-fallbacks-used': String(call.stats.fallbacksUsed),
      });
    }
    const target = served.request.target;
    if (prepared.request.stream) {
      await streamEvents(runtime, reply, call, handler.encoder(decoded, target), handler.framing);
      runtime.metrics.record(observation(handler.route, provider, 200, startedAt, stats));
      return reply;
    }
    const response = await collect(call);
    runtime.metrics.record(observation(handler.route, provider, 200, startedAt, stats));
    return handler.json(response, decoded, target);
  } catch (error) {
    runtime.metrics.record(observation(handler.route, provider, statusOf(error), startedAt, stats));
    if (error instanceof ClientGoneError) return reply.hijack();
    throw error;
  } finally {
    untrack();
    reply.raw.off('close', onClose);
  }
}

/** Folds the stream for a non-streamed reply; a failure inside the stream becomes the HTTP error. */
async function collect(call: ModelCall): Promise<CanonicalResponse> {
  const accumulator = new ResponseAccumulator();
  for await (const event of call.events) {
    if (event.type === 'error') throw new ApiError(event.error);
    accumulator.add(event);
  }
  const response = accumulator.result();
  if (response === undefined) {
    if (call.stats.outcome === 'client_gone') throw new ClientGoneError();
    throw new ApiError(TRUNCATED_SPEC);
  }
  return response;
}

function headersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

async function streamEvents(
  runtime: PlaneRuntime,
  reply: FastifyReply,
  call: ModelCall,
  encoder: StreamEncoder,
  framing: StreamFraming | undefined,
): Promise<void> {
  // Headers set by the shell's hooks (CORS, request id) must survive taking over the raw response.
  const headers = headersOf(reply);
  reply.hijack();
  const writer = new StreamWriter(reply.raw, {
    heartbeatIntervalMs: runtime.config.heartbeatIntervalMs,
    ...(framing === undefined ? {} : { framing }),
    ...(encoder.heartbeat === undefined ? {} : { heartbeat: () => encoder.heartbeat?.() ?? { data: '' } }),
  });
  writer.open(headers);
  try {
    for await (const event of call.events) {
      for (const outbound of encoder.encode(event)) {
        if (!(await writer.send(outbound))) return;
      }
    }
  } finally {
    writer.end();
  }
}

/** The decoded request with the client's pass-through headers added to its native fields. */
function withNativeHeaders<D extends DecodedRequest>(
  decoded: D,
  names: readonly string[] | undefined,
  headers: FastifyRequest['headers'],
): D {
  const kept: Record<string, string> = {};
  for (const name of names ?? []) {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text !== undefined && text !== '') kept[name] = text;
  }
  if (Object.keys(kept).length === 0) return decoded;
  const native = decoded.nativeFields ?? { dialect: decoded.dialect, fields: {} };
  return { ...decoded, nativeFields: { ...native, headers: kept } };
}
