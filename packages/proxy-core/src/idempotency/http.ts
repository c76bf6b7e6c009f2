/**
 * Idempotency-Key over HTTP (draft-ietf-httpapi-idempotency-key-header-06) for the routes where a retry
 * must not run twice: POST /message and the non-streaming model routes. Installed as two hooks, so the
 * routes themselves know nothing about it:
 *
 *   preHandler — read the key, claim (principal, route, key); replay a stored response with
 *                `Idempotent-Replayed: true`, or refuse: 409 while the first is in flight, 422 for a
 *                different payload, 400 for a malformed key. Errors render in the route's dialect.
 *   onSend     — store the response for replay, or release the key when the outcome was one a retry
 *                could change (408, 409, 429, 5xx), so the retry runs again instead of replaying a failure.
 *
 * Streaming requests (`"stream": true`) are not covered: an SSE stream cannot be replayed byte for byte,
 * and SDKs send a key on every POST, so refusing them would break ordinary clients. The key is ignored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError, shouldRetry } from '../http/api-error.ts';
import type { IdempotencyEngine, IdempotencyToken } from './idempotency-engine.ts';
import { requestFingerprint } from './fingerprint.ts';
import { idempotencyScope, readIdempotencyKey } from './idempotency-key.ts';

/** `METHOD /path` of every route the key applies to. */
export const IDEMPOTENT_ROUTES: ReadonlySet<string> = new Set([
  'POST /message',
  'POST /v1/responses',
  'POST /v1/chat/completions',
  'POST /v1/messages',
]);

/** Headers worth replaying; per-connection ones (CORS, length, date) are made fresh for each reply. */
const REPLAYED_HEADERS: ReadonlySet<string> = new Set(['content-type', 'location']);

/** Principal used when the server runs without client keys (loopback only). */
export const ANONYMOUS_PRINCIPAL = 'anonymous';

export interface IdempotencyHookOptions {
  readonly engine: IdempotencyEngine;
  readonly principalOf: (request: FastifyRequest) => string | undefined;
}

function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? ''}`;
}

function isStreaming(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
}

const keyInFlight = (): ApiError => new ApiError(catalogued('idempotency_key_in_flight'));

const keyReused = (): ApiError =>
  new ApiError({
    ...catalogued('idempotency_key_reused'),
    message:
      'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
  });

const invalidKey = (reason: string): ApiError =>
  new ApiError({ ...catalogued('invalid_idempotency_key'), message: reason });

function replayableHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined && REPLAYED_HEADERS.has(name.toLowerCase())) headers[name] = String(value);
  }
  return headers;
}

export function installIdempotency(app: FastifyInstance, options: IdempotencyHookOptions): void {
  const { engine, principalOf } = options;
  // Claims this process holds, by request; settled once stored or released.
  const claims = new WeakMap<FastifyRequest, { token: IdempotencyToken; settled: boolean }>();

  const release = async (request: FastifyRequest): Promise<void> => {
    const claim = claims.get(request);
    if (claim === undefined || claim.settled) return;
    claim.settled = true;
    await engine.abandon(claim.token);
  };

  app.addHook('preHandler', async (request, reply) => {
    const route = routeOf(request);
    if (!IDEMPOTENT_ROUTES.has(route)) return;
    const header = readIdempotencyKey(request.headers['idempotency-key']);
    if (header.kind === 'absent' || isStreaming(request.body)) return;
    if (header.kind === 'invalid') throw invalidKey(header.reason);
    const scope = idempotencyScope({
      principal: principalOf(request) ?? ANONYMOUS_PRINCIPAL,
      route,
      key: header.key,
    });
    const begun = await engine.begin(scope, requestFingerprint(request.body ?? null));
    switch (begun.kind) {
      case 'conflict-in-flight':
        throw keyInFlight();
      case 'fingerprint-mismatch':
        throw keyReused();
      case 'replay':
        return reply.code(begun.response.status).headers(begun.response.headers).send(begun.response.body);
      case 'execute': {
        claims.set(request, { token: begun.token, settled: false });
        // A handler that never sends (client gone, hijacked stream) must not pin the key until its lease ends.
        reply.raw.once('close', () => void release(request).catch(() => undefined));
        return undefined;
      }
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (claim === undefined || claim.settled) return payload;
    if (shouldRetry(reply.statusCode) || typeof payload !== 'string') {
      await release(request);
      return payload;
    }
    claim.settled = true;
    // Stored before the client sees the reply: once a response arrives, a retry is guaranteed to replay it.
    await engine.complete(claim.token, {
      status: reply.statusCode,
      headers: replayableHeaders(reply),
      body: payload,
    });
    return payload;
  });
}
