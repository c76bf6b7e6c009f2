/**
 * A listening fastify server with only the model plane mounted, for the plane's own tests. The tiny
 * error handler mirrors the shell's contract (ApiError → dialect body by route, retry headers), so the
 * plane is tested without depending on the shell's code.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { ApiError, errorBody, shouldRetry } from '../../http/api-error.ts';
import type { RequestObservation } from '../../metrics/recorder.ts';
import type { ModelPlane } from '../../server/model-plane-contract.ts';
import { modelPlaneConfigSchema, type ModelPlaneConfigInput } from '../config-schema.ts';
import { createModelPlane, type ModelPlaneDeps } from '../index.ts';

export interface PlaneServer {
  readonly app: FastifyInstance;
  readonly plane: ModelPlane;
  readonly url: string;
  readonly observations: RequestObservation[];
  close(): Promise<void>;
}

/** Fast mock pacing and tiny backoffs so tests run quickly; deadlines stay at their defaults unless set. */
export const FAST: ModelPlaneConfigInput = {
  providers: { mock: { chunkCount: 4, chunkSize: 8, chunkIntervalMs: 1, retryAfterMs: 1 } },
  retries: { baseBackoffMs: 1, maxBackoffMs: 5 },
};

export function withFast(overrides: ModelPlaneConfigInput = {}): ModelPlaneConfigInput {
  return {
    ...FAST,
    ...overrides,
    providers: { mock: { ...FAST.providers?.mock, ...overrides.providers?.mock } },
  };
}

export async function startPlaneServer(
  input: ModelPlaneConfigInput = FAST,
  deps: ModelPlaneDeps = {},
  /** Runs before the plane is mounted, e.g. to add hooks standing in for the shell's guards. */
  configure: (app: FastifyInstance) => void = () => undefined,
): Promise<PlaneServer> {
  const app = Fastify();
  configure(app);
  app.setErrorHandler((error, request, reply) => {
    const dialect = request.url.startsWith('/v1/messages') ? 'anthropic' : 'openai';
    const spec =
      error instanceof ApiError
        ? error.spec
        : { status: 500, code: 'internal_error', message: String(error) };
    if (!shouldRetry(spec.status) && spec.status < 500) void reply.header('x-should-retry', 'false');
    if (spec.retryAfterSeconds !== undefined)
      void reply.header('retry-after', String(spec.retryAfterSeconds));
    return reply.code(spec.status).send(errorBody(dialect, spec));
  });
  const observations: RequestObservation[] = [];
  const plane = createModelPlane(modelPlaneConfigSchema.parse(input), deps);
  plane.mount(app, { metrics: { record: (o) => observations.push(o) }, principalOf: () => 'test-principal' });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    plane,
    url,
    observations,
    async close() {
      await plane.close();
      await app.close();
    },
  };
}
