/**
 * Runs a model turn programmatically, for the control plane's POST /message. It goes through exactly the
 * pipeline an HTTP request takes (prepareCall: model resolution and thinking; openModelCall: retries and
 * every deadline), so a session turn behaves like a chat request to the same model, minus HTTP.
 */
import { performance } from 'node:perf_hooks';
import type { CanonicalMessage } from '../canonical/content.ts';
import type { DecodedRequest } from '../canonical/request.ts';
import { totalTokens } from '../canonical/usage.ts';
import { ApiError } from '../http/api-error.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { SecretScrubber } from '../secrets/secret-scrubber.ts';
import type { CircuitBreakers } from '../streaming/circuit-breakers.ts';
import type { TurnRequest, TurnResult } from './contract.ts';
import { openModelCall } from '../streaming/model-call.ts';
import { TRUNCATED_SPEC } from '../streaming/stream-errors.ts';
import type { ModelPlaneConfig } from './config-schema.ts';
import { callOptions, prepareCall, servedTarget } from './prepare-call.ts';
import type { PlaneRuntime } from './runtime.ts';

export interface TurnRunnerDeps {
  readonly config: ModelPlaneConfig;
  readonly registry: ProviderRegistry;
  /** The plane's in-flight set: shutdown aborts turns like it aborts HTTP calls. */
  readonly inflight: Set<AbortController>;
  readonly random: () => number;
  readonly scrubber: SecretScrubber;
  readonly circuits: CircuitBreakers;
}

const toCanonical = (messages: TurnRequest['messages']): CanonicalMessage[] =>
  messages.map((message) => ({ role: message.role, content: [{ type: 'text', text: message.text }] }));

export function createTurnRunner(deps: TurnRunnerDeps): (request: TurnRequest) => Promise<TurnResult> {
  // Metrics and principals are the caller's business here: the control plane records its own observation.
  const runtime: PlaneRuntime = {
    config: deps.config,
    registry: deps.registry,
    metrics: { record: () => undefined },
    principalOf: () => undefined,
    track: (controller) => {
      deps.inflight.add(controller);
      return () => deps.inflight.delete(controller);
    },
    random: deps.random,
    scrubber: deps.scrubber,
    circuits: deps.circuits,
  };

  return async (request) => {
    const startedAt = performance.now();
    const controller = new AbortController();
    const forwardAbort = (): void => controller.abort(request.signal.reason);
    if (request.signal.aborted) forwardAbort();
    request.signal.addEventListener('abort', forwardAbort, { once: true });
    const untrack = runtime.track(controller);
    try {
      const decoded: DecodedRequest = {
        dialect: 'openai-chat',
        model: request.model,
        system: [],
        messages: toCanonical(request.messages),
        tools: [],
        stopSequences: [],
        stream: true,
      };
      const prepared = prepareCall(runtime, decoded);
      request.onRouted?.(prepared.provider.name);
      const metadata = {
        requestId: request.requestId,
        requestedModel: request.model,
        ...(request.idempotencyKey === undefined ? {} : { idempotencyKey: request.idempotencyKey }),
        ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
        ...(request.principal === undefined ? {} : { principal: request.principal }),
      };
      const call = await openModelCall(callOptions(runtime, prepared, metadata, controller, startedAt));
      const served = servedTarget(prepared, call.stats.fallbacksUsed).provider.name;
      if (call.stats.fallbacksUsed > 0) request.onRouted?.(served);
      let text = '';
      for await (const event of call.events) {
        if (event.type === 'text-delta') {
          text += event.delta;
          await request.onDelta?.(event.delta);
        } else if (event.type === 'error') {
          throw new ApiError(event.error);
        } else if (event.type === 'finish') {
          return {
            text,
            provider: served,
            ...(call.stats.ttftMs === undefined ? {} : { ttftMs: call.stats.ttftMs }),
            totalTokens: totalTokens(event.usage),
          };
        }
      }
      // The call's stream always ends with a terminal event unless it was aborted.
      if (controller.signal.aborted) throw controller.signal.reason;
      throw new ApiError(TRUNCATED_SPEC);
    } finally {
      untrack();
      request.signal.removeEventListener('abort', forwardAbort);
    }
  };
}
