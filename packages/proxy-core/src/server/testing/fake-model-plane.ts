/**
 * A stand-in model plane for the shell's tests: two mock models, a chat route that records metrics,
 * an Anthropic route, a route that fails with a 429, and a WebSocket route upgraded from inside the
 * fastify handler (the way the real plane must do it so the shell's guards see the upgrade).
 */
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { catalogued, upstreamCode } from '../../errors/catalogue.ts';
import { ApiError } from '../../http/api-error.ts';
import type {
  ListedModel,
  ModelPlane,
  ModelPlaneMountOptions,
  TurnRequest,
  TurnResult,
} from '../../model-plane/contract.ts';

export interface FakeModelPlane extends ModelPlane {
  /** Principals the chat route saw, in order. */
  readonly principalsSeen: (string | undefined)[];
  closed: boolean;
  /** Every turn `runTurn` started, in order (control-plane tests count executions with it). */
  readonly turns: TurnRequest[];
  /** While set, turns wait for it before answering: tests hold a turn in flight. */
  turnGate: Promise<void> | undefined;
}

/** The fake's answer to a turn: deterministic, derived from the last user message. */
export function fakeReply(request: TurnRequest): string {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  return `echo(${request.messages.length}): ${lastUser?.text ?? ''}`;
}

export const FAKE_MODELS: readonly ListedModel[] = [
  {
    id: 'mock/mock-small',
    provider: 'mock',
    model: 'mock-small',
    displayName: 'Mock Small',
    created: 1_700_000_000,
  },
  {
    id: 'mock/mock-large',
    provider: 'mock',
    model: 'mock-large',
    displayName: 'Mock Large',
    created: 1_700_000_100,
  },
];

export function createFakeModelPlane(): FakeModelPlane {
  const sockets = new WebSocketServer({ noServer: true });
  const plane: FakeModelPlane = {
    principalsSeen: [],
    closed: false,
    turns: [],
    turnGate: undefined,
    async runTurn(request: TurnRequest): Promise<TurnResult> {
      plane.turns.push(request);
      if (plane.turnGate !== undefined) await abortable(plane.turnGate, request.signal);
      if (request.model === 'fail') {
        throw new ApiError({
          status: 503,
          code: upstreamCode('upstream_overloaded'),
          message: 'the fake upstream failed',
        });
      }
      const text = fakeReply(request);
      const half = Math.ceil(text.length / 2);
      await request.onDelta?.(text.slice(0, half));
      await request.onDelta?.(text.slice(half));
      return { text, provider: 'mock', totalTokens: 3 };
    },
    listModels: () => FAKE_MODELS,
    providerNames: () => ['mock'],
    credentials: () => [],
    openCircuits: () => [],
    mount(app: FastifyInstance, options: ModelPlaneMountOptions) {
      app.post('/v1/chat/completions', (request) => {
        plane.principalsSeen.push(options.principalOf(request));
        // Logged on purpose: the redaction test checks that no credential survives this line.
        request.log.info({ headers: request.headers, url: request.url }, 'chat request');
        options.metrics.record({
          provider: 'mock',
          route: '/v1/chat/completions',
          status: 200,
          success: true,
          latencyMs: 12,
          ttftMs: 3,
          totalTokens: 7,
        });
        return { object: 'chat.completion', body: request.body };
      });
      app.post('/v1/completions', () => {
        throw new Error('upstream exploded');
      });
      app.post('/v1/messages', () => ({ type: 'message', role: 'assistant', content: [] }));
      app.post('/v1/responses', () => {
        throw new ApiError({
          status: 429,
          code: upstreamCode('rate_limit_exceeded'),
          message: 'slow down',
          retryAfterSeconds: 2,
        });
      });
      app.get('/v1/responses', (request, reply) => {
        if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
          throw new ApiError({ ...catalogued('upgrade_required'), message: 'Use a WebSocket upgrade.' });
        }
        reply.hijack();
        sockets.handleUpgrade(request.raw, request.raw.socket, Buffer.alloc(0), (socket) => {
          socket.send(JSON.stringify({ type: 'hello', principal: options.principalOf(request) ?? null }));
        });
      });
    },
    close() {
      plane.closed = true;
      for (const socket of sockets.clients) socket.terminate();
      return new Promise((resolve) => sockets.close(() => resolve()));
    },
  };
  return plane;
}

function abortable(gate: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void gate.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
