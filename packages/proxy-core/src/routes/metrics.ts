/** GET /v1/metrics/providers (JSON keyed by provider) and GET /metrics (Prometheus text). Both need a key. */
import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from '../metrics/server-metrics.ts';

export function registerMetricsRoutes(app: FastifyInstance, metrics: ServerMetrics): void {
  app.get('/v1/metrics/providers', () => metrics.providers.snapshot());
  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.prometheus.text();
    return reply.type(metrics.prometheus.contentType).send(text);
  });
}
