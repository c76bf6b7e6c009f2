/**
 * A stand-in model plane for the shell's tests: two mock models, a chat route that records metrics,
 * an Anthropic route, a route that fails with a 429, and a WebSocket route upgraded from inside the
 * fastify handler (the way the real plane must do it so the shell's guards see the upgrade).
 */
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { ApiError } from '../../http/api-error.ts';
import type { ListedModel, ModelPlane, ModelPlaneMountOptions } from '../model-plane-contract.ts';

export interface FakeModelPlane extends ModelPlane {
  /** Principals the chat route saw, in order. */
  readonly principalsSeen: (string | undefined)[];
  closed: boolean;
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
    listModels: () => FAKE_MODELS,
    providerNames: () => ['mock'],
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
          code: 'rate_limit_exceeded',
          message: 'slow down',
          retryAfterSeconds: 2,
        });
      });
      app.get('/v1/responses', (request, reply) => {
        if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
          throw new ApiError({ status: 426, code: 'upgrade_required', message: 'Use a WebSocket upgrade.' });
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
