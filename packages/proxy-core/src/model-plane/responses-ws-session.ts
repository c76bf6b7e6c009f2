import { performance } from 'node:perf_hooks';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { CanonicalMessage, ContentPart, TextPart } from '../canonical/content.ts';
import { ZERO_USAGE } from '../canonical/usage.ts';
import { decodeResponsesRequest, systemOf } from '../dialects/openai-responses/decode.ts';
import { ResponsesStreamEncoder } from '../dialects/openai-responses/encode-stream.ts';
import type { OutputItem } from '../dialects/openai-responses/response-object.ts';
import { catalogued, type ErrorCode } from '../errors/catalogue.ts';
import { findJsonLimitViolation, jsonLimitError } from '../guards/json-limits.ts';
import { ApiError } from '../http/api-error.ts';
import { previousResponseNotFound, responsesEnvelope } from '../routes/responses.ts';
import { newCallStats, openModelCall } from '../streaming/model-call.ts';
import { ClientGoneError, toErrorSpec } from '../streaming/stream-errors.ts';
import { observation, statusOf } from './observation.ts';
import { callOptions, prepareCall, requestMetadata, servedTarget } from './prepare-call.ts';
import { FALLBACK_HEADER, fallbackHeaderTargets } from './routes.ts';
import { withRoutingMetadata } from './routing-metadata.ts';
import type { PlaneRuntime } from './runtime.ts';
import { CLOSE_CODES, closeReason, errorFrame, rawText } from './ws-frames.ts';

export const RESPONSES_WS_ROUTE = 'GET /v1/responses';

/** The latest completed response of this connection: what `previous_response_id` can continue. */
interface CachedResponse {
  readonly id: string;
  /** Full conversation including the response's own output. */
  readonly history: readonly CanonicalMessage[];
  /** The chain's system and developer input items (Codex sends its instructions this way, once). */
  readonly inputSystem: readonly TextPart[];
  /** The body that produced it, so `response.append` can inherit model and instructions. */
  readonly body: Readonly<Record<string, unknown>>;
}

function assistantTurn(items: readonly OutputItem[]): CanonicalMessage | undefined {
  // A hosted tool's item is the upstream's own record; the canonical history has no place for it (not replayed).
  const content = items.flatMap((item): ContentPart | [] => {
    if (item.kind === 'native') return [];
    if (item.kind === 'message') return { type: 'text', text: item.text };
    if (item.kind === 'reasoning') {
      // The signature too: Anthropic refuses a replayed tool call whose thinking block lost it.
      const signed = item.signature === undefined ? {} : { signature: item.signature };
      const issued = item.issuer === undefined ? {} : { issuer: item.issuer };
      return { type: 'reasoning', text: item.text, ...signed, ...issued };
    }
    return { type: 'tool_call', id: item.callId, name: item.name, arguments: item.arguments };
  });
  return content.length === 0 ? undefined : { role: 'assistant', content };
}

function badFrame(code: ErrorCode, message: string, param?: string): ApiError {
  return new ApiError({ ...catalogued(code), message, ...(param === undefined ? {} : { param }) });
}

/**
 * One WebSocket-mode connection. Turns run one at a time, in arrival order; each `response.create`
 * streams the same events as the SSE route, one JSON message each. Errors are `error` frames and the
 * connection stays open; only the lifetime limit, shutdown or a server fault close it.
 */
export class ResponsesWsSession {
  private readonly ws: WebSocket;
  private readonly runtime: PlaneRuntime;
  private readonly http: FastifyRequest;
  private readonly lifetimeTimer: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  private cached: CachedResponse | undefined;
  private current: AbortController | undefined;

  constructor(ws: WebSocket, runtime: PlaneRuntime, http: FastifyRequest) {
    this.ws = ws;
    this.runtime = runtime;
    this.http = http;
    const lifetimeMs = runtime.config.websocket.connectionLifetimeMs;
    this.lifetimeTimer = setTimeout(() => this.expire(lifetimeMs), lifetimeMs);
    ws.on('message', (data) => {
      const text = rawText(data);
      this.queue = this.queue
        .then(() => this.handle(text))
        .catch(() => this.close(CLOSE_CODES.internalError, 'internal error'));
    });
    ws.on('close', () => {
      clearTimeout(this.lifetimeTimer);
      this.current?.abort(new ClientGoneError());
    });
    // A protocol error (a frame over maxMessageBytes, a bad opcode, invalid UTF-8): ws has already begun
    // the close with the matching code (1009, 1002, 1007); the turn in flight is abandoned. Without this
    // listener the error would be uncaught and take the whole server down.
    ws.on('error', () => {
      this.current?.abort(new ClientGoneError());
    });
  }

  /** Closes the connection (shutdown, lifetime) after aborting any turn in flight. */
  close(code: number, reason: string): void {
    clearTimeout(this.lifetimeTimer);
    this.current?.abort(new ClientGoneError());
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, closeReason(reason));
  }

  private expire(lifetimeMs: number): void {
    void this.send(
      errorFrame({
        ...catalogued('websocket_connection_limit_reached'),
        message: `This connection reached its ${lifetimeMs} ms lifetime; open a new connection and resend the full input.`,
      }),
    );
    this.close(CLOSE_CODES.goingAway, 'websocket_connection_limit_reached');
  }

  private send(data: unknown): Promise<void> {
    if (this.ws.readyState !== this.ws.OPEN) return Promise.resolve();
    // Waiting for each write lets a slow client slow down the upstream read.
    return new Promise((resolve) => this.ws.send(JSON.stringify(data), () => resolve()));
  }

  private async handle(text: string): Promise<void> {
    try {
      const frame = this.parse(text);
      const { type, ...body } = frame;
      if (type === 'response.create') await this.turn(body);
      else if (type === 'response.append') await this.turn(this.appendBody(body));
      else
        throw badFrame(
          'unsupported_event_type',
          `Unsupported websocket event type: ${String(type)}.`,
          'type',
        );
    } catch (error) {
      if (!(error instanceof ClientGoneError)) await this.send(errorFrame(toErrorSpec(error)));
    }
  }

  private parse(text: string): Record<string, unknown> {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      throw badFrame('invalid_json', 'WebSocket messages must be JSON objects.');
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      throw badFrame('invalid_json', 'WebSocket messages must be JSON objects.');
    }
    // Same limits as HTTP bodies: a frame is client JSON that never passes the shell's body parser.
    const limits = this.runtime.jsonLimits;
    const violation = limits === undefined ? undefined : findJsonLimitViolation(frame, limits);
    if (violation !== undefined) throw jsonLimitError(violation);
    return frame as Record<string, unknown>;
  }

  /**
   * `response.append` (the upstream Go proxy's frame): continue the latest response with new input,
   * inheriting model and instructions.
   */
  private appendBody(body: Record<string, unknown>): Record<string, unknown> {
    const cached = this.cached;
    if (cached === undefined) {
      throw badFrame('missing_response_create', 'websocket request received before response.create', 'type');
    }
    if (!Array.isArray(body['input'])) {
      throw badFrame('invalid_request_body', 'websocket request requires array field: input', 'input');
    }
    return {
      model: cached.body['model'],
      instructions: cached.body['instructions'],
      ...body,
      previous_response_id: cached.id,
    };
  }

  private continued(previousId: string | undefined): CachedResponse | undefined {
    if (previousId === undefined) return undefined;
    if (this.cached?.id !== previousId) {
      throw previousResponseNotFound(
        previousId,
        'This connection only keeps its latest response: resend the full input.',
      );
    }
    return this.cached;
  }

  private async turn(body: Record<string, unknown>): Promise<void> {
    const startedAt = performance.now();
    // Streaming is implied in WebSocket mode; a `stream` field is ignored rather than rejected.
    const { stream: _stream, generate, ...rest } = body;
    const decoded = decodeResponsesRequest(rest, true, generate === false);
    const previous = this.continued(decoded.previousResponseId);
    const messages = [...(previous?.history ?? []), ...decoded.messages];
    // A continuation sends only new items: the chain's developer/system items are still the system prompt.
    const inputSystem = [...(previous?.inputSystem ?? []), ...decoded.inputSystem];
    const system = systemOf(decoded.body.instructions, inputSystem);
    const prepared = prepareCall(
      this.runtime,
      { ...decoded, messages, system },
      fallbackHeaderTargets(this.http.headers[FALLBACK_HEADER]),
    );
    if (generate === false) {
      // Warm-up: a response id to continue from, with no output and no provider call.
      const envelope = withRoutingMetadata(responsesEnvelope(decoded, prepared.request.target), prepared);
      const encoder = new ResponsesStreamEncoder(envelope);
      for (const event of [
        { type: 'stream-start', warnings: [] } as const,
        { type: 'finish', reason: 'stop', usage: ZERO_USAGE } as const,
      ]) {
        for (const outbound of encoder.encode(event)) await this.send(outbound.data);
      }
      this.remember({ id: envelope.id, history: messages, inputSystem, body: rest }, encoder);
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    const untrack = this.runtime.track(controller);
    // Filled in by the call even when it throws, so a failed chain's attempts still reach the metrics.
    const stats = newCallStats();
    let provider = prepared.provider.name;
    try {
      const metadata = requestMetadata(this.runtime, this.http, decoded.model);
      const call = await openModelCall(
        callOptions(this.runtime, prepared, metadata, controller, startedAt, stats),
      );
      // The response names the target that served it: the route's first, or the fallback it moved to.
      const served = servedTarget(prepared, call.stats.fallbacksUsed);
      provider = served.provider.name;
      const envelope = withRoutingMetadata(responsesEnvelope(decoded, served.request.target), served);
      const encoder = new ResponsesStreamEncoder(envelope);
      for await (const event of call.events) {
        for (const outbound of encoder.encode(event)) await this.send(outbound.data);
      }
      if (stats.outcome === 'success')
        this.remember({ id: envelope.id, history: messages, inputSystem, body: rest }, encoder);
      else if (stats.outcome === 'failed') this.evict(decoded.previousResponseId);
      this.runtime.metrics.record(observation(RESPONSES_WS_ROUTE, provider, 200, startedAt, stats));
    } catch (error) {
      this.evict(decoded.previousResponseId);
      this.runtime.metrics.record(
        observation(RESPONSES_WS_ROUTE, provider, statusOf(error), startedAt, stats),
      );
      throw error;
    } finally {
      untrack();
      this.current = undefined;
    }
  }

  private remember(request: CachedResponse, encoder: ResponsesStreamEncoder): void {
    const reply = assistantTurn(encoder.outputItems);
    this.cached = reply === undefined ? request : { ...request, history: [...request.history, reply] };
  }

  /** A classified failure of a continuation evicts the state it continued from (disconnects do not). */
  private evict(previousId: string | undefined): void {
    if (previousId !== undefined && this.cached?.id === previousId) this.cached = undefined;
  }
}
