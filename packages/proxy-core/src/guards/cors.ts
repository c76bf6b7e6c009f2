/**
 * CORS is off unless origins are configured; then only those origins are reflected (never `*`, so
 * credentials can never be combined with a wildcard). Registered after the origin guard, so a
 * preflight from an unknown origin is refused before CORS could answer it.
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { SwitchyardConfig } from '../config/schema.ts';

export async function installCors(app: FastifyInstance, config: SwitchyardConfig['cors']): Promise<void> {
  if (config.allowedOrigins.length === 0) return;
  await app.register(cors, {
    origin: [...config.allowedOrigins],
    credentials: config.allowCredentials,
    methods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-api-key',
      'x-goog-api-key',
      'anthropic-version',
      'idempotency-key',
    ],
    maxAge: 600,
    strictPreflight: true,
  });
}
