import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ALICE, testServer, withKeys, type TestServer } from '../server/testing/test-servers.ts';
import { hostnameOf } from './host-guard.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const APP = 'https://app.example.com';

describe('Origin guard', () => {
  it('refuses a browser Origin that is not allowed with 403, in the dialect of the route', async () => {
    server = await testServer();
    const openai = await request(server.app.server)
      .get('/v1/models')
      .set('origin', 'https://evil.example')
      .expect(403);
    expect(openai.body).toEqual({
      error: {
        message: expect.stringContaining('Origin "https://evil.example" is not allowed'),
        type: 'permission_error',
        param: null,
        code: 'origin_not_allowed',
      },
    });
    const anthropic = await request(server.app.server)
      .post('/v1/messages')
      .set('origin', 'null')
      .send({})
      .expect(403);
    expect(anthropic.body).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
  });

  it('lets requests without Origin (SDKs, curl) through', async () => {
    server = await testServer();
    await request(server.app.server).get('/v1/models').expect(200);
  });

  it('refuses a WebSocket upgrade from a foreign Origin and accepts an allowed one', async () => {
    server = await testServer({ cors: { allowedOrigins: [APP] } });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.app.server.address() as AddressInfo;
    const url = `ws://127.0.0.1:${port}/v1/responses`;

    const refused = new WebSocket(url, { origin: 'https://evil.example' });
    const [, response] = (await once(refused, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
    // Aborting a refused handshake reports an error by design; it is the expected outcome here.
    refused.on('error', () => undefined);
    refused.terminate();

    const accepted = new WebSocket(url, { origin: APP });
    const [message] = (await once(accepted, 'message')) as [Buffer];
    expect(JSON.parse(message.toString())).toEqual({ type: 'hello', principal: null });
    accepted.close();
  });
});

describe('CORS', () => {
  it('is off by default: no Access-Control-Allow-Origin anywhere', async () => {
    server = await testServer();
    const response = await request(server.app.server).get('/healthz').expect(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reflects an allowed origin (never *) and answers its preflight before auth', async () => {
    server = await testServer({ ...withKeys, cors: { allowedOrigins: [APP], allowCredentials: true } });
    const preflight = await request(server.app.server)
      .options('/v1/chat/completions')
      .set('origin', APP)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(APP);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    const actual = await request(server.app.server)
      .get('/v1/models')
      .set('origin', APP)
      .set('x-api-key', ALICE.key)
      .expect(200);
    expect(actual.headers['access-control-allow-origin']).toBe(APP);
    expect(actual.headers['vary']).toMatch(/origin/i);
  });

  it('gives a preflight from an unknown origin a 403 and no CORS headers', async () => {
    server = await testServer({ cors: { allowedOrigins: [APP] } });
    const response = await request(server.app.server)
      .options('/v1/chat/completions')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST')
      .expect(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('Host guard (DNS rebinding) on loopback binds', () => {
  it('refuses a foreign Host header with 403 and the fix', async () => {
    server = await testServer();
    const response = await request(server.app.server)
      .get('/healthz')
      .set('host', 'rebind.evil.example:8317')
      .expect(403);
    expect(response.body).toMatchObject({
      error: { code: 'host_not_allowed', message: expect.stringContaining('server.allowedHosts') },
    });
  });

  it.each(['localhost:8317', '127.0.0.1', '[::1]:8317'])('accepts loopback Host %s', async (host) => {
    server = await testServer();
    await request(server.app.server).get('/healthz').set('host', host).expect(200);
  });

  it('accepts hosts the operator allowed, and does not apply off loopback', async () => {
    server = await testServer({ server: { allowedHosts: ['proxy.internal'] } });
    await request(server.app.server).get('/healthz').set('host', 'proxy.internal:8317').expect(200);
    await server.close();
    server = await testServer({ server: { host: '0.0.0.0' }, ...withKeys });
    await request(server.app.server).get('/healthz').set('host', 'proxy.example.com').expect(200);
  });

  it('extracts the hostname from Host values', () => {
    expect(hostnameOf('Example.COM:80')).toBe('example.com');
    expect(hostnameOf('[::1]:8317')).toBe('::1');
    expect(hostnameOf('[::1]')).toBe('::1');
    expect(hostnameOf('localhost')).toBe('localhost');
  });
});

describe('request bodies', () => {
  it('answers malformed JSON with 400 invalid_json in both dialects', async () => {
    server = await testServer();
    const openai = await request(server.app.server)
      .post('/v1/chat/completions')
      .set('content-type', 'application/json')
      .send('{"model":')
      .expect(400);
    expect(openai.body).toEqual({
      error: {
        message: 'Request body is not valid JSON.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_json',
      },
    });
    expect(openai.headers['x-should-retry']).toBe('false');
    const anthropic = await request(server.app.server)
      .post('/v1/messages')
      .set('content-type', 'application/json')
      .send('nope')
      .expect(400);
    expect(anthropic.body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'Request body is not valid JSON.' },
      request_id: null,
    });
  });

  it('answers an empty JSON body with 400', async () => {
    server = await testServer();
    const response = await request(server.app.server)
      .post('/v1/chat/completions')
      .set('content-type', 'application/json')
      .send('')
      .expect(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('answers a wrong content type with 415 in both dialects', async () => {
    server = await testServer();
    const openai = await request(server.app.server)
      .post('/v1/chat/completions')
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(openai.body).toMatchObject({
      error: { code: 'unsupported_media_type', type: 'invalid_request_error' },
    });
    const anthropic = await request(server.app.server)
      .post('/v1/messages')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('a=b')
      .expect(415);
    expect(anthropic.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('accepts application/*+json', async () => {
    server = await testServer();
    const response = await request(server.app.server)
      .post('/v1/chat/completions')
      .set('content-type', 'application/vnd.api+json')
      .send('{"model":"m"}')
      .expect(200);
    expect(response.body).toMatchObject({ body: { model: 'm' } });
  });

  it('answers a body over the limit with 413 in both dialects', async () => {
    server = await testServer({ server: { bodyLimitBytes: 64 } });
    const big = { model: 'm', padding: 'x'.repeat(200) };
    const openai = await request(server.app.server).post('/v1/chat/completions').send(big).expect(413);
    expect(openai.body).toMatchObject({ error: { code: 'body_too_large', type: 'invalid_request_error' } });
    const anthropic = await request(server.app.server).post('/v1/messages').send(big).expect(413);
    expect(anthropic.body).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });
});
