import type { FastifyRequest } from 'fastify';
import type { CanonicalRequest, DecodedRequest, ThinkingRequest } from '../canonical/request.ts';
import type { StreamWarning } from '../canonical/stream-part.ts';
import { unsupported } from '../canonical/validate.ts';
import { resolveModel } from '../models/resolve.ts';
import type { Provider, RequestMetadata } from '../providers/provider.ts';
import type { CallStats, ModelCallOptions } from '../streaming/model-call.ts';
import type { ThinkingAdjustment } from '../thinking/types.ts';
import { deadlinesFor } from './config-schema.ts';
import { headerList, headerSafe } from './header-value.ts';
import { withNativeParts } from './native-parts.ts';
import { validatedThinking } from './prepare-thinking.ts';
import { routeTargets } from './routes.ts';
import type { PlaneRuntime } from './runtime.ts';

/** One target made ready: resolved provider, the canonical request for it, thinking adjustments. */
export interface PreparedTarget {
  readonly provider: Provider;
  readonly request: CanonicalRequest;
  /** Changes thinking validation made to the client's request; empty when none. */
  readonly thinkingAdjustments: readonly ThinkingAdjustment[];
  /** Client tools this provider cannot run and that were left out (hints, never a silent loss: a header). */
  readonly droppedTools: readonly string[];
  /** Client fields and headers this provider does not take and that were left out (hints; field-policy.ts). */
  readonly droppedFields: readonly string[];
}

/** The primary target and, in order, the fallbacks of its route (see routes.ts). */
export interface PreparedCall extends PreparedTarget {
  readonly fallbacks: readonly PreparedTarget[];
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Resolves the model — through its route, when it has one — and completes the canonical request for each
 * target. The primary's errors are the client's (404 unknown model, 400 thinking); a fallback that cannot take
 * this request (e.g. its model cannot think as asked) is left out of the chain rather than failing a request
 * the primary can serve.
 */
export function prepareCall(
  runtime: PlaneRuntime,
  decoded: DecodedRequest,
  extraFallbacks: readonly string[] = [],
): PreparedCall {
  const [primary = decoded.model, ...rest] = routeTargets(
    runtime.config.routes,
    decoded.model,
    extraFallbacks,
  );
  const fallbacks = rest.flatMap((model) => {
    try {
      return [prepareTarget(runtime, { ...decoded, model })];
    } catch {
      return [];
    }
  });
  return { ...prepareTarget(runtime, { ...decoded, model: primary }), fallbacks };
}

function prepareTarget(runtime: PlaneRuntime, decoded: DecodedRequest): PreparedTarget {
  const { model, ...rest } = decoded;
  const { provider, target, thinkingSuffix } = resolveModel(model, runtime.registry);
  const thinking: ThinkingRequest | undefined =
    thinkingSuffix === undefined ? rest.thinking : { ...rest.thinking, suffix: thinkingSuffix };
  const { thinking: _ignored, ...withoutThinking } = rest;
  const request = withNativeParts(provider, {
    ...withoutThinking,
    ...(thinking === undefined ? {} : { thinking }),
    target,
  });
  const checked = validatedThinking(provider, request);
  const thinkingSetting = checked?.setting;
  const passedThrough = provider.passesThroughTools?.(request) === true;
  const withThinking = thinkingSetting === undefined ? request : { ...request, thinkingSetting };
  // The provider's own rules (e.g. Anthropic's while thinking), reported like every other change.
  const constrained = provider.constrain?.(withThinking);
  return {
    provider,
    request: constrained?.request ?? withThinking,
    thinkingAdjustments: [...(checked?.adjustments ?? []), ...(constrained?.thinkingAdjustments ?? [])],
    droppedTools: passedThrough ? [] : (request.hintTools ?? []),
    droppedFields: [...droppedNativeFields(provider, request), ...(constrained?.dropped ?? [])],
  };
}

/**
 * Response headers that tell the client what the routing decided: the provider and upstream model that
 * answered, and any change thinking validation made to what it asked (never a silent rewrite).
 */
export function routingHeaders(prepared: PreparedTarget): Record<string, string> {
  const headers: Record<string, string> = {
    'x-switchyard-provider': prepared.provider.name,
    'x-switchyard-model': headerSafe(prepared.request.target.model),
  };
  if (prepared.thinkingAdjustments.length > 0) {
    headers['x-switchyard-thinking-adjusted'] = headerList(
      prepared.thinkingAdjustments.map((adjustment) => `${adjustment.kind}: ${adjustment.message}`),
      '; ',
    );
  }
  const dropped = [...prepared.droppedTools, ...prepared.droppedFields];
  if (dropped.length > 0) headers['x-switchyard-dropped'] = headerList(dropped, ', ');
  return headers;
}

/** Execution metadata that reaches the provider (issue 4 forwards the idempotency key upstream). */
export function requestMetadata(
  runtime: PlaneRuntime,
  http: FastifyRequest,
  requestedModel: string,
): Omit<RequestMetadata, 'attempt'> {
  const idempotencyKey = firstHeader(http.headers['idempotency-key']);
  const sessionId = firstHeader(http.headers['x-session-id']);
  const principal = runtime.principalOf(http);
  return {
    requestId: http.id,
    requestedModel,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(principal === undefined ? {} : { principal }),
  };
}

export function callOptions(
  runtime: PlaneRuntime,
  prepared: PreparedCall,
  metadata: Omit<RequestMetadata, 'attempt'>,
  controller: AbortController,
  startedAt: number,
  stats?: CallStats,
): ModelCallOptions {
  return {
    provider: prepared.provider,
    request: prepared.request,
    deadlines: deadlinesFor(runtime.config.deadlines, prepared.provider.name),
    warnings: streamWarnings(prepared),
    fallbacks: prepared.fallbacks.map((fallback) => ({
      provider: fallback.provider,
      request: fallback.request,
      deadlines: deadlinesFor(runtime.config.deadlines, fallback.provider.name),
      warnings: streamWarnings(fallback),
    })),
    retries: runtime.config.retries,
    metadata,
    controller,
    startedAt,
    random: runtime.random,
    scrubber: runtime.scrubber,
    circuits: runtime.circuits,
    ...(stats === undefined ? {} : { stats }),
  };
}

/** The thinking adjustments of `x-switchyard-thinking-adjusted`, told in the stream's `stream-start` too. */
function streamWarnings(prepared: PreparedTarget): StreamWarning[] {
  return prepared.thinkingAdjustments.map((adjustment) => ({
    type: 'thinking-adjusted',
    adjustment: adjustment.kind,
    message: adjustment.message,
  }));
}

/** The prepared target that served a call: the primary, or the fallback it moved to. */
export function servedTarget(prepared: PreparedCall, fallbacksUsed: number): PreparedTarget {
  return fallbacksUsed === 0 ? prepared : (prepared.fallbacks[fallbacksUsed - 1] ?? prepared);
}

/** The client's uncarried fields (and headers) a provider that does not speak its API loses; throws for one that matters. */
function droppedNativeFields(provider: Provider, request: CanonicalRequest): string[] {
  const native = request.nativeFields;
  if (native === undefined || provider.passesThroughFields?.(request) === true) return [];
  const semantic = native.semantic?.[0];
  if (semantic !== undefined) {
    throw unsupported(
      semantic,
      `'${semantic}' cannot be carried to the ${provider.name} provider, and ignoring it would change the answer; use a model of a provider that speaks the client's API, or remove it.`,
    );
  }
  const headers = Object.keys(native.headers ?? {}).map((name) => `header ${name}`);
  return [...Object.keys(native.fields), ...headers];
}
