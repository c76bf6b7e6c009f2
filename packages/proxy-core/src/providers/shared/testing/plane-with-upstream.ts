/**
 * End-to-end rig: a loopback upstream plus a model plane (createModelPlane) whose provider points at
 * it. Clients send a key of their own so tests can prove it never reaches the upstream.
 */
import type { ModelPlaneConfigInput } from '../../../model-plane/config-schema.ts';
import { startPlaneServer, type PlaneServer } from '../../../model-plane/testing/plane-server.ts';
import { startLoopbackUpstream, type LoopbackUpstream } from './loopback-upstream.ts';

export const CLIENT_KEY = 'sk-test-client-secret-never-upstream';

export interface PlaneWithUpstream {
  readonly upstream: LoopbackUpstream;
  readonly plane: PlaneServer;
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; text: string }>;
  close(): Promise<void>;
}

export async function startPlaneWithUpstream(
  providers: (baseUrl: string) => NonNullable<ModelPlaneConfigInput['providers']>,
  env: Readonly<Record<string, string>> = {},
  /** The rest of the plane's config, e.g. deadlines. */
  settings: Omit<ModelPlaneConfigInput, 'providers' | 'retries'> = {},
): Promise<PlaneWithUpstream> {
  const upstream = await startLoopbackUpstream();
  const plane = await startPlaneServer(
    {
      ...settings,
      providers: providers(upstream.baseUrl),
      retries: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 5 },
    },
    { env },
  );
  return {
    upstream,
    plane,
    async post(path, body, headers = {}) {
      const response = await fetch(`${plane.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${CLIENT_KEY}`,
          'x-api-key': CLIENT_KEY,
          ...headers,
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    async close() {
      await plane.close();
      await upstream.close();
    },
  };
}

/** True when the client's key appears nowhere in what the upstream received. */
export function clientKeyNeverSent(upstream: LoopbackUpstream): boolean {
  return upstream.requests.every(
    (request) =>
      !JSON.stringify(request.headers).includes(CLIENT_KEY) && !request.rawBody.includes(CLIENT_KEY),
  );
}
