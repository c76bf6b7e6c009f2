/**
 * Liveness and readiness probes: the only routes that never need a key (probes carry no secrets).
 * Readiness turns 503 as soon as shutdown starts so load balancers stop sending new work.
 */
import type { FastifyInstance } from 'fastify';

export interface Readiness {
  draining: boolean;
}

export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  app.get('/healthz', { config: { public: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    if (readiness.draining) return reply.code(503).send({ status: 'draining' });
    return { status: 'ready' };
  });
}
