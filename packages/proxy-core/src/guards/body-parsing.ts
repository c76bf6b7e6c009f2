/**
 * Request bodies are JSON only: `application/json` and `application/*+json`. Fastify's text/plain
 * parser is removed so a wrong content type is a 415 instead of a string reaching a handler.
 */
import type { FastifyInstance } from 'fastify';

export function installJsonBodyParsing(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    /^application\/[a-z0-9.-]+\+json$/i,
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
}
