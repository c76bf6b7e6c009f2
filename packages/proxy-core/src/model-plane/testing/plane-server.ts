/**
 * A listening fastify server with only the model plane mounted, for the plane's own tests. Errors go
 * through the shell's own error handler (a copy of its contract here once drifted from the real one:
 * retry headers the shell never sent passed these tests).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler } from '../../server/error-handler.ts';
import type { RequestObservation } from '../../metrics/recorder.ts';
import type { ModelPlane } from '../contract.ts';
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
  installErrorHandler(app);
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
