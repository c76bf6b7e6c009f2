/**
 * The egress scrub on every answer fastify sends itself (JSON bodies of every route, errors included, and their
 * headers). Streams the model plane takes over (SSE, WebSocket) carry provider failures that already passed the
 * model call's gate (streaming/client-safe-error.ts); logs pass it in the logger.
 */
import type { FastifyInstance } from 'fastify';
import type { SecretScrubber } from './secret-scrubber.ts';

export function installEgressScrub(app: FastifyInstance, scrubber: SecretScrubber): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (typeof value !== 'string') continue;
      const clean = scrubber.scrub(value);
      if (clean !== value) reply.header(name, clean);
    }
    if (typeof payload === 'string') done(null, scrubber.scrub(payload));
    else if (Buffer.isBuffer(payload)) done(null, scrubBuffer(payload, scrubber));
    else done(null, payload);
  });
}

function scrubBuffer(payload: Buffer, scrubber: SecretScrubber): Buffer {
  const text = payload.toString('utf8');
  const clean = scrubber.scrub(text);
  return clean === text ? payload : Buffer.from(clean, 'utf8');
}
