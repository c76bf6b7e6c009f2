/**
 * Request bodies are JSON only: `application/json` and `application/*+json`. Fastify's text/plain
 * parser is removed so a wrong content type is a 415 instead of a string reaching a handler.
 *
 * Every parsed body then passes the shape limits (guards/json-limits.ts) before any hook or handler runs:
 * the idempotency fingerprint, the dialect decoders and the providers only ever see bounded input.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findJsonLimitViolation, jsonLimitError, type JsonLimits } from './json-limits.ts';

type ParserDone = (error: Error | null, body?: unknown) => void;

export function installJsonBodyParsing(app: FastifyInstance, limits: JsonLimits): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const parseBounded = (request: FastifyRequest, text: string, done: ParserDone): void => {
    // fastify's default parser answers through the callback; nothing to await.
    void parseJson(request, text, (error: Error | null, body?: unknown) => {
      if (error !== null) return done(error);
      const violation = findJsonLimitViolation(body, limits);
      if (violation !== undefined) return done(jsonLimitError(violation));
      return done(null, body);
    });
  };
  app.removeContentTypeParser(['text/plain', 'application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseBounded);
  app.addContentTypeParser(/^application\/[a-z0-9.-]+\+json$/i, { parseAs: 'string' }, parseBounded);
}
