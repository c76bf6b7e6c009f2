import { API_FIXTURES, type ApiFixture } from './apis/index.ts';
import { FIXTURE_IDS, type AnswerContext, type AnswerKind } from './content.ts';
import { errorFixture, errorStatusOf, type ErrorStatus } from './errors.ts';
import { PROVIDERS, type ProviderId } from './providers.ts';
import {
  hasUnparseableBody,
  requestedModel,
  requestsStream,
  requestsStreamUsage,
  type FixtureRequest,
} from './request.ts';
import { pacedChunks, type FixtureResponse } from './response.ts';
import { matchOperation, type UpstreamOperation } from './routes.ts';
import {
  CHUNK_DELAY_HEADER,
  SCENARIO_HEADER,
  isHttpErrorScenario,
  isScenarioFor,
  isStreamFailureScenario,
  scenariosFor,
  type ScenarioName,
  type StreamFailureScenario,
} from './scenarios.ts';
import { formatSseFrame, type SseFrame } from './sse.ts';

export interface RespondOptions {
  /** Aborting ends a paced stream early (the client disconnected). */
  readonly signal?: AbortSignal;
  /** Pause between streamed chunks unless the request's `x-switchyard-chunk-delay-ms` overrides it. */
  readonly chunkDelayMs?: number;
}

/** Response header naming the scenario served, so a failing test shows what the fixture did. */
export const SCENARIO_SERVED_HEADER = 'x-switchyard-scenario-served';
/** Response header set when the fixture itself rejected the request (not a scenario). */
export const FIXTURE_REJECTION_HEADER = 'x-switchyard-fixture-rejection';
export const DEFAULT_CHUNK_DELAY_MS = 2;
const MAX_CHUNK_DELAY_MS = 10_000;

/** How a streamed answer is framed: SSE, or Gemini's progressive JSON array when `alt=sse` is missing. */
type StreamFormat = 'sse' | 'json-array';

interface Exchange {
  readonly provider: ProviderId;
  readonly fixture: ApiFixture;
  readonly context: AnswerContext;
  /** `undefined`: the request asked for a non-streamed answer. */
  readonly requestedStreamFormat: StreamFormat | undefined;
  readonly delayMs: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * The single source of every upstream answer: a pure function of the provider and the request, used
 * by the MSW handlers and the loopback server alike. Unknown endpoints, a missing key header and a
 * body that is not JSON are answered as the real provider would, in its error shape.
 */
export function respond(
  provider: ProviderId,
  request: FixtureRequest,
  options: RespondOptions = {},
): FixtureResponse {
  const url = new URL(request.url);
  const operation = request.method === 'POST' ? matchOperation(provider, url.pathname) : undefined;
  const model = modelOf(provider, request, operation);
  const reject = (status: ErrorStatus, message: string) => rejection(provider, status, model, message);
  if (operation === undefined) return reject(404, `Invalid URL (${request.method} ${url.pathname})`);
  const authProblem = authenticationProblem(provider, request);
  if (authProblem !== undefined) return reject(401, authProblem);
  if (provider === 'anthropic' && request.headers['anthropic-version'] === undefined) {
    return reject(400, 'anthropic-version: header is required');
  }
  if (hasUnparseableBody(request)) return reject(400, 'The request body is not valid JSON.');

  const requestedScenario = request.headers[SCENARIO_HEADER];
  if (requestedScenario !== undefined && !isScenarioFor(provider, requestedScenario)) {
    return reject(
      400,
      `Unknown ${SCENARIO_HEADER} '${requestedScenario}'; known: ${scenariosFor(provider).join(', ')}`,
    );
  }
  const exchange: Exchange = {
    provider,
    fixture: API_FIXTURES[operation.api],
    context: { provider, model, includeStreamUsage: requestsStreamUsage(request) },
    requestedStreamFormat: streamFormatOf(operation, request, url),
    delayMs: chunkDelayOf(request, options.chunkDelayMs),
    signal: options.signal,
  };
  const scenario = requestedScenario ?? (exchange.requestedStreamFormat === undefined ? 'plain' : 'streamed');
  return withServedScenario(serveScenario(exchange, scenario), scenario);
}

function serveScenario(exchange: Exchange, scenario: ScenarioName): FixtureResponse {
  if (isHttpErrorScenario(scenario)) {
    const error = errorFixture(exchange.provider, errorStatusOf(scenario), exchange.context.model);
    return { status: error.status, headers: error.headers, body: JSON.stringify(error.body) };
  }
  if (isStreamFailureScenario(scenario)) return failedStream(exchange, scenario);
  if (scenario === 'plain') return jsonAnswer(exchange, 'text');
  if (scenario === 'streamed')
    return streamedAnswer(exchange, exchange.fixture.stream('text', exchange.context));
  const kind: AnswerKind = scenario;
  return exchange.requestedStreamFormat === undefined
    ? jsonAnswer(exchange, kind)
    : streamedAnswer(exchange, exchange.fixture.stream(kind, exchange.context));
}

function jsonAnswer(exchange: Exchange, kind: AnswerKind): FixtureResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', ...requestIdHeader(exchange.provider) },
    body: JSON.stringify(exchange.fixture.json(kind, exchange.context)),
  };
}

/** A 200 stream cut right after its first content delta, then failed in the scenario's way. */
function failedStream(exchange: Exchange, scenario: StreamFailureScenario): FixtureResponse {
  const textFrames = exchange.fixture.stream('text', exchange.context);
  const cutAt = textFrames.findIndex(exchange.fixture.isContentDelta) + 1;
  const sent = textFrames.slice(0, cutAt);
  const frames =
    scenario === 'stream-error' ? [...sent, exchange.fixture.streamError(exchange.context, sent)] : sent;
  // Only `stream-error` ends in a way the protocol defines; the JSON array of the others stays unclosed.
  return streamedAnswer(exchange, frames, {
    complete: scenario === 'stream-error',
    reset: scenario === 'stream-reset',
  });
}

function streamedAnswer(
  exchange: Exchange,
  frames: readonly SseFrame[],
  ending: { readonly complete: boolean; readonly reset: boolean } = { complete: true, reset: false },
): FixtureResponse {
  const format = exchange.requestedStreamFormat ?? 'sse';
  const chunks =
    format === 'sse'
      ? frames.map((frame) => formatSseFrame(frame, exchange.fixture.frameLineEnd))
      : jsonArrayPieces(frames, ending.complete);
  return {
    status: 200,
    headers: {
      'content-type': format === 'sse' ? 'text/event-stream' : 'application/json',
      'cache-control': 'no-cache',
      // Chunked framing is what lets a client tell a dropped connection from a finished body: without
      // it the body is delimited by the connection closing, and a `stream-reset` would look complete.
      'transfer-encoding': 'chunked',
      ...requestIdHeader(exchange.provider),
    },
    body: pacedChunks(chunks, {
      delayMs: exchange.delayMs,
      signal: exchange.signal,
      resetAfterLast: ending.reset,
    }),
  };
}

/** Gemini without `alt=sse` streams one JSON array, element by element. */
function jsonArrayPieces(frames: readonly SseFrame[], complete: boolean): string[] {
  const pieces = frames.map((frame, index) => `${index === 0 ? '[' : ',\r\n'}${frame.data}`);
  return complete ? [...pieces, ']'] : pieces;
}

function streamFormatOf(
  operation: UpstreamOperation,
  request: FixtureRequest,
  url: URL,
): StreamFormat | undefined {
  if (operation.api === 'gemini') {
    if (operation.method === 'generateContent') return undefined;
    return url.searchParams.get('alt') === 'sse' ? 'sse' : 'json-array';
  }
  return requestsStream(request) ? 'sse' : undefined;
}

function modelOf(
  provider: ProviderId,
  request: FixtureRequest,
  operation: UpstreamOperation | undefined,
): string {
  if (operation?.api === 'gemini') return operation.model;
  return requestedModel(request) ?? PROVIDERS[provider].defaultModel;
}

/**
 * The fixture only checks that the provider's key header is present (any value is a valid key),
 * so a proxy sending the key in the wrong header, or Gemini's key in `?key=`, fails loudly.
 */
function authenticationProblem(provider: ProviderId, request: FixtureRequest): string | undefined {
  const header = PROVIDERS[provider].authHeader;
  const value = request.headers[header]?.trim() ?? '';
  const key = header === 'authorization' ? /^Bearer\s+(\S+)$/i.exec(value)?.[1] : value;
  return key === undefined || key === ''
    ? `Missing API key: expected it in the ${header} header.`
    : undefined;
}

function chunkDelayOf(request: FixtureRequest, configured: number | undefined): number {
  const fromHeader = Number(request.headers[CHUNK_DELAY_HEADER]);
  const delay =
    request.headers[CHUNK_DELAY_HEADER] !== undefined && Number.isFinite(fromHeader)
      ? fromHeader
      : configured;
  return Math.min(Math.max(Math.trunc(delay ?? DEFAULT_CHUNK_DELAY_MS), 0), MAX_CHUNK_DELAY_MS);
}

function rejection(
  provider: ProviderId,
  status: ErrorStatus,
  model: string,
  message: string,
): FixtureResponse {
  const error = errorFixture(provider, status, model, message);
  return {
    status: error.status,
    headers: { ...error.headers, [FIXTURE_REJECTION_HEADER]: 'true' },
    body: JSON.stringify(error.body),
  };
}

function requestIdHeader(provider: ProviderId): Record<string, string> {
  return { [PROVIDERS[provider].requestIdHeader]: FIXTURE_IDS.requestId };
}

function withServedScenario(response: FixtureResponse, scenario: ScenarioName): FixtureResponse {
  return { ...response, headers: { ...response.headers, [SCENARIO_SERVED_HEADER]: scenario } };
}
