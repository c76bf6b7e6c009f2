import type { FastifyRequest } from 'fastify';
import type { CanonicalRequest, DecodedRequest, ThinkingRequest } from '../canonical/request.ts';
import { resolveModel } from '../models/resolve.ts';
import type { Provider, RequestMetadata } from '../providers/provider.ts';
import type { ModelCallOptions } from '../streaming/model-call.ts';
import type { ThinkingAdjustment } from '../thinking/types.ts';
import { deadlinesFor } from './config-schema.ts';
import { validatedThinking } from './prepare-thinking.ts';
import type { PlaneRuntime } from './runtime.ts';

export interface PreparedCall {
  readonly provider: Provider;
  readonly request: CanonicalRequest;
  /** Changes thinking validation made to the client's request; empty when none. */
  readonly thinkingAdjustments: readonly ThinkingAdjustment[];
  /** Client tools this provider cannot run and that were left out (hints, never a silent loss: a header). */
  readonly droppedTools: readonly string[];
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Resolves the model and completes the canonical request; the suffix is kept beside body thinking
 * fields, and thinking is validated against the resolved model (a 400 before any upstream call).
 */
export function prepareCall(runtime: PlaneRuntime, decoded: DecodedRequest): PreparedCall {
  const { model, ...rest } = decoded;
  const { provider, target, thinkingSuffix } = resolveModel(model, runtime.registry);
  const thinking: ThinkingRequest | undefined =
    thinkingSuffix === undefined ? rest.thinking : { ...rest.thinking, suffix: thinkingSuffix };
  const { thinking: _ignored, ...withoutThinking } = rest;
  const request: CanonicalRequest = {
    ...withoutThinking,
    ...(thinking === undefined ? {} : { thinking }),
    target,
  };
  const checked = validatedThinking(provider, request);
  const thinkingSetting = checked?.setting;
  const passedThrough = provider.passesThroughTools?.(request) === true;
  return {
    provider,
    request: thinkingSetting === undefined ? request : { ...request, thinkingSetting },
    thinkingAdjustments: checked?.adjustments ?? [],
    droppedTools: passedThrough ? [] : (request.hintTools ?? []),
  };
}

/**
 * Response headers that tell the client what the routing decided: the provider and upstream model that
 * answered, and any change thinking validation made to what it asked (never a silent rewrite).
 */
export function routingHeaders(prepared: PreparedCall): Record<string, string> {
  const headers: Record<string, string> = {
    'x-switchyard-provider': prepared.provider.name,
    'x-switchyard-model': prepared.request.target.model,
  };
  if (prepared.thinkingAdjustments.length > 0) {
    headers['x-switchyard-thinking-adjusted'] = prepared.thinkingAdjustments
      .map((adjustment) => `${adjustment.kind}: ${adjustment.message}`)
      .join('; ');
  }
  if (prepared.droppedTools.length > 0) headers['x-switchyard-dropped'] = prepared.droppedTools.join(', ');
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
): ModelCallOptions {
  return {
    provider: prepared.provider,
    request: prepared.request,
    deadlines: deadlinesFor(runtime.config.deadlines, prepared.provider.name),
    retries: runtime.config.retries,
    metadata,
    controller,
    startedAt,
    random: runtime.random,
    scrubber: runtime.scrubber,
  };
}
