import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { testServer, withKeys, type TestServer } from '../server/testing/test-servers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('GET /healthz and /readyz', () => {
  it('answer without a key even when keys are configured', async () => {
    server = await testServer(withKeys);
    await request(server.app.server).get('/healthz').expect(200, { status: 'ok' });
    await request(server.app.server).get('/readyz').expect(200, { status: 'ready' });
    await request(server.app.server).head('/healthz').expect(200);
  });

  it('turn /readyz to 503 once shutdown starts, so balancers drain the instance', async () => {
    server = await testServer();
    const app = server.app;
    let readyDuringClose: number | undefined;
    app.addHook('onClose', async () => {
      readyDuringClose = (await app.inject({ method: 'GET', url: '/readyz' })).statusCode;
    });
    await server.close();
    server = undefined;
    expect(readyDuringClose).toBe(503);
  });
});
