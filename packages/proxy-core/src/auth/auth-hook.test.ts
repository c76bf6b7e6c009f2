import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../server/create-server.ts';
import { ALICE, BOB, testServer, withKeys, type TestServer } from '../server/testing/test-servers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = { model: 'mock/mock-small', messages: [] };

describe('client-key auth over HTTP', () => {
  it.each([
    ['Authorization: Bearer', (test: request.Test) => test.set('authorization', `Bearer ${ALICE.key}`)],
    ['x-api-key', (test: request.Test) => test.set('x-api-key', ALICE.key)],
    ['x-goog-api-key', (test: request.Test) => test.set('x-goog-api-key', ALICE.key)],
    ['?key=', (test: request.Test) => test.query({ key: ALICE.key })],
  ])('accepts the key from %s and hands the principal to the model plane', async (_name, present) => {
    server = await testServer(withKeys);
    await present(request(server.app.server).post('/v1/chat/completions').send(chat)).expect(200);
    expect(server.plane.principalsSeen).toEqual(['alice']);
  });

  it('tells two clients apart by principal, never by key', async () => {
    server = await testServer(withKeys);
    await request(server.app.server)
      .post('/v1/chat/completions')
      .set('x-api-key', BOB.key)
      .send(chat)
      .expect(200);
    await request(server.app.server)
      .post('/v1/chat/completions')
      .set('x-api-key', ALICE.key)
      .send(chat)
      .expect(200);
    expect(server.plane.principalsSeen).toEqual(['bob', 'alice']);
  });

  it('rejects a wrong key with 401 invalid_api_key in the OpenAI shape on OpenAI routes', async () => {
    server = await testServer(withKeys);
    const response = await request(server.app.server)
      .post('/v1/chat/completions')
      .set('authorization', 'Bearer sk-test-wrong-wrong-wrong-wrong')
      .send(chat)
      .expect(401);
    expect(response.body).toEqual({
      error: {
        message: 'Invalid API key.',
        type: 'authentication_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    expect(response.headers['x-should-retry']).toBe('false');
  });

  it('rejects with the Anthropic error shape on /v1/messages', async () => {
    server = await testServer(withKeys);
    const missing = await request(server.app.server).post('/v1/messages').send({}).expect(401);
    expect(missing.body).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: expect.stringContaining('Missing API key') },
      request_id: null,
    });
    const wrong = await request(server.app.server)
      .post('/v1/messages')
      .set('x-api-key', 'sk-test-wrong-0000000000000')
      .send({})
      .expect(401);
    expect(wrong.body).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'Invalid API key.' },
      request_id: null,
    });
  });

  it('refuses ?key= when auth.acceptQueryKey is false', async () => {
    server = await testServer({ auth: { keys: [ALICE], acceptQueryKey: false } });
    await request(server.app.server).get('/v1/models').query({ key: ALICE.key }).expect(401);
  });

  it('guards every registered route but /healthz and /readyz on the real server: model plane, metrics and control plane', async () => {
    // The real server (createServer: the real model plane), so the sweep reads the routes a deployment serves,
    // not a fake plane's table.
    const real = await createServer(
      { ...withKeys, controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-auth-sweep-')) } },
      { logDestination: new PassThrough() },
    );
    try {
      const open = new Set(['GET /healthz', 'GET /readyz', 'HEAD /healthz', 'HEAD /readyz']);
      const guarded = real.routes.filter((route) => !open.has(route) && !route.startsWith('OPTIONS '));
      // The list is the server's own: a route added later is covered without touching this test.
      expect(guarded).toEqual(
        expect.arrayContaining([
          'POST /v1/chat/completions',
          'POST /v1/responses',
          'GET /v1/responses',
          'POST /v1/messages',
          'GET /v1/models',
          'GET /metrics',
          'GET /v1/metrics/providers',
          'POST /message',
          'GET /messages',
          'GET /status',
          'GET /events',
          'DELETE /session',
        ]),
      );
      for (const route of guarded) {
        const [method = 'GET', path = '/'] = route.split(' ');
        const response = await real.app.inject({ method: method as 'GET', url: path });
        expect({ route, status: response.statusCode }).toEqual({ route, status: 401 });
      }
      for (const route of open) {
        const [method = 'GET', path = '/'] = route.split(' ');
        if (!real.routes.includes(route)) continue;
        expect((await real.app.inject({ method: method as 'GET', url: path })).statusCode).toBe(200);
      }
    } finally {
      await real.close();
    }
  });

  it('protects unknown routes too (401 before 404, so routes cannot be probed)', async () => {
    server = await testServer(withKeys);
    await request(server.app.server).get('/v0/management/config').expect(401);
    await request(server.app.server).get('/v0/management/config').set('x-api-key', ALICE.key).expect(404);
  });

  it('lets everything through on a loopback bind with no keys; principalOf is then undefined', async () => {
    server = await testServer();
    await request(server.app.server).post('/v1/chat/completions').send(chat).expect(200);
    expect(server.plane.principalsSeen).toEqual([undefined]);
  });

  it('authenticates WebSocket upgrades before the model plane sees them', async () => {
    server = await testServer(withKeys);
    const response = await request(server.app.server)
      .get('/v1/responses')
      .set('connection', 'Upgrade')
      .set('upgrade', 'websocket')
      .set('sec-websocket-version', '13')
      .set('sec-websocket-key', 'dGhlIHNhbXBsZSBub25jZQ==')
      .expect(401);
    expect(response.body).toMatchObject({ error: { code: 'missing_api_key' } });
  });
});
