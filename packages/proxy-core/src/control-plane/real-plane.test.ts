/**
 * The control plane on the real server (createServer: the real model plane and its mock provider, SQLite in a
 * temporary data directory), not the fake plane: what a turn's failure and a client's session ids do there.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../server/create-server.ts';
import type { SwitchyardServer } from '../server/build-server.ts';
import { getJson, postJson, settled } from './testing/control-plane-server.ts';

// One server for the file: a second one could reuse the first one's port while the client pool still holds a
// keep-alive socket to the closed server.
let server: SwitchyardServer | undefined;
let url = '';
beforeAll(async () => {
  url = await startReal();
});
afterAll(async () => {
  await server?.close();
});

async function startReal(): Promise<string> {
  server = await createServer(
    {
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-cp-real-')) },
      modelPlane: { retries: { baseBackoffMs: 1, maxBackoffMs: 5 } },
    },
    { logDestination: new PassThrough() },
  );
  await server.listen();
  const { port } = server.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

describe('the control plane on the real model plane', () => {
  it('records a failed turn as its provider’s failure in /v1/metrics/providers', async () => {
    // The mock's bad-request scenario: a deterministic upstream 400 that is never retried.
    const posted = await postJson(`${url}/message`, { message: 'fail me', model: 'mock/mock-bad-request' });
    expect(posted.status).toBe(202);
    const status = await settled(url, posted.body['session_id'] as string);
    expect(status).toMatchObject({ status: 'failed', last_error: expect.any(String) as string });
    const metrics = (await getJson(`${url}/v1/metrics/providers`)).body;
    expect(metrics['mock']).toMatchObject({
      request_count: 1,
      success_count: 0,
      failure_count: 1,
      success_rate: 0,
    });
  });

  it('answers 404 session_not_found to a message for a session_id it never issued, and stores nothing', async () => {
    const before = (await getJson(`${url}/v1/metrics/providers`)).body['mock'] as { request_count: number };
    const posted = await postJson(`${url}/message`, { session_id: 'made-up', message: 'hello' });
    expect(posted.status).toBe(404);
    expect(posted.body).toEqual({
      error: {
        message: 'session not found: made-up',
        type: 'invalid_request_error',
        param: 'session_id',
        code: 'session_not_found',
      },
    });
    expect((await getJson(`${url}/status?session_id=made-up`)).status).toBe(404);
    // No turn ran: the provider saw nothing.
    expect((await getJson(`${url}/v1/metrics/providers`)).body['mock']).toMatchObject({
      request_count: before.request_count,
    });
  });
});
