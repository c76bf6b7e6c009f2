/**
 * One place where failures become responses: ApiError as-is, fastify's body errors mapped to stable
 * codes, anything else a 500 whose details stay in the log. Rendered in the dialect of the route (and client).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError, errorBody, isRetryable, type ApiErrorSpec } from '../http/api-error.ts';
import { StoreError } from '../store/errors.ts';
import { dialectOf } from './dialect.ts';
import { DRAIN_FACTOR, drainRefusedUpload } from './drain-refused-upload.ts';

const FASTIFY_ERRORS: Readonly<Record<string, (error: FastifyError) => ApiErrorSpec>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => catalogued('body_too_large'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (error) => ({
    ...catalogued('unsupported_media_type'),
    message: `${error.message}. Send the body as JSON with "Content-Type: application/json".`,
  }),
  FST_ERR_CTP_INVALID_JSON_BODY: () => catalogued('invalid_json'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => ({
    ...catalogued('invalid_json'),
    message: 'Request body is empty; expected a JSON object.',
  }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => catalogued('invalid_content_length'),
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).code === 'string';
}

export function toApiErrorSpec(error: unknown): ApiErrorSpec | undefined {
  if (error instanceof ApiError) return error.spec;
  // Reached from any route (the idempotency hook, the control plane): a shared store that is down is a 503.
  if (error instanceof StoreError && error.code === 'store_unavailable') {
    return { ...catalogued('store_unavailable'), message: error.message, retryAfterSeconds: 1 };
  }
  if (isFastifyError(error)) {
    const mapped = FASTIFY_ERRORS[error.code];
    if (mapped !== undefined) return mapped(error);
  }
  // fastify's JSON parser may surface bad JSON as a bare SyntaxError carrying statusCode 400.
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return catalogued('invalid_json');
  }
  return undefined;
}

/** The wait advertised on a 429/503 that carries no hint (HTTP's `retry-after` counts whole seconds). */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

export function sendApiError(request: FastifyRequest, reply: FastifyReply, spec: ApiErrorSpec): FastifyReply {
  if (!isRetryable(spec)) reply.header('x-should-retry', 'false');
  if (spec.status === 429 || spec.status === 503) {
    // Every 429/503 says when to come back; without a hint of our own or the upstream's, one second.
    const seconds = spec.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
    reply.header('retry-after', String(Math.max(1, Math.ceil(seconds))));
    reply.header('retry-after-ms', String(Math.round(seconds * 1000)));
  }
  return reply
    .code(spec.status)
    .type('application/json')
    .send(errorBody(dialectOf(request), spec));
}

export function installErrorHandler(app: FastifyInstance): void {
  // fastify's own default body limit (1 MiB) when none was configured.
  const maxDrainBytes = DRAIN_FACTOR * (app.initialConfig.bodyLimit ?? 1024 * 1024);
  app.setErrorHandler((error, request, reply) => {
    if (isFastifyError(error) && error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      drainRefusedUpload(request, reply, maxDrainBytes);
    }
    const spec = toApiErrorSpec(error);
    if (spec !== undefined) {
      if (spec.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendApiError(request, reply, spec);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendApiError(request, reply, catalogued('internal_error'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendApiError(request, reply, {
      ...catalogued('route_not_found'),
      message: `No route for ${request.method} ${request.url.split('?', 1)[0] ?? ''}.`,
    }),
  );
}
