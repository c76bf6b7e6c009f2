import Fastify from 'fastify';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { upstreamCode } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { ConfigError } from '../config/config-error.ts';
import { dialectForUrl } from './dialect.ts';
import { installErrorHandler, toApiErrorSpec } from './error-handler.ts';
import { testServer, type TestServer } from './testing/test-servers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('route table', () => {
  it('is built once per server and identical across servers', async () => {
    server = await testServer();
    const other = await testServer();
    try {
      expect(server.routes).toEqual(other.routes);
      expect(server.app.printRoutes()).toBe(other.app.printRoutes());
      expect(server.routes).toEqual(
        expect.arrayContaining([
          'GET /healthz',
          'HEAD /healthz',
          'GET /readyz',
          'GET /v1/models',
          'GET /v1/metrics/providers',
          'GET /metrics',
          'POST /v1/chat/completions',
          'POST /v1/messages',
        ]),
      );
      expect(new Set(server.routes).size).toBe(server.routes.length);
    } finally {
      await other.close();
    }
  });

  it('gives every server its own fastify instance, metrics and model plane', async () => {
    server = await testServer();
    const other = await testServer();
    try {
      expect(server.app).not.toBe(other.app);
      expect(server.metrics).not.toBe(other.metrics);
      expect(server.plane).not.toBe(other.plane);
    } finally {
      await other.close();
    }
  });
});

describe('errors', () => {
  it('answers unknown routes with 404 JSON in the dialect of the path', async () => {
    server = await testServer();
    const openai = await request(server.app.server).get('/v2/nothing?x=1').expect(404);
    expect(openai.body).toEqual({
      error: {
        message: 'No route for GET /v2/nothing.',
        type: 'invalid_request_error',
        param: null,
        code: 'route_not_found',
      },
    });
    expect(openai.headers['x-should-retry']).toBe('false');
    const anthropic = await request(server.app.server).post('/v1/messages/nope').send({}).expect(404);
    expect(anthropic.body).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: 'No route for POST /v1/messages/nope.' },
      request_id: null,
    });
  });

  it('sends retry-after and retry-after-ms on 429, and no x-should-retry: false', async () => {
    server = await testServer();
    const response = await request(server.app.server).post('/v1/responses').send({}).expect(429);
    expect(response.headers['retry-after']).toBe('2');
    expect(response.headers['retry-after-ms']).toBe('2000');
    expect(response.headers['x-should-retry']).toBeUndefined();
    expect(response.body).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } });
  });

  it('advertises a wait on every 429/503: the exact hint when there is one, one second when there is none', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/v1/none', () => {
      throw new ApiError({ status: 503, code: upstreamCode('upstream_overloaded'), message: 'busy' });
    });
    app.get('/v1/exact', () => {
      throw new ApiError({
        status: 429,
        code: upstreamCode('rate_limit_exceeded'),
        message: 'slow',
        retryAfterSeconds: 0.25,
      });
    });
    app.get('/v1/deterministic', () => {
      throw new ApiError({ status: 400, code: upstreamCode('bad'), message: 'bad', retryAfterSeconds: 5 });
    });
    try {
      const none = await app.inject('/v1/none');
      expect([none.statusCode, none.headers['retry-after'], none.headers['retry-after-ms']]).toEqual([
        503,
        '1',
        '1000',
      ]);
      const exact = await app.inject('/v1/exact');
      expect([exact.headers['retry-after'], exact.headers['retry-after-ms']]).toEqual(['1', '250']);
      const deterministic = await app.inject('/v1/deterministic');
      expect(deterministic.headers['retry-after']).toBeUndefined();
      expect(deterministic.headers['x-should-retry']).toBe('false');
    } finally {
      await app.close();
    }
  });

  it('answers a plain GET on the WebSocket route with the model plane’s 426', async () => {
    server = await testServer();
    const response = await request(server.app.server).get('/v1/responses').expect(426);
    expect(response.body).toMatchObject({ error: { code: 'upgrade_required' } });
  });

  it('hides unexpected errors behind a 500 and logs them', async () => {
    server = await testServer();
    const response = await request(server.app.server).post('/v1/completions').send({}).expect(500);
    expect(response.body).toEqual({
      error: { message: 'Internal server error.', type: 'server_error', param: null, code: 'internal_error' },
    });
    expect(response.headers['x-should-retry']).toBeUndefined();
    expect(server.logLines.some((line) => line.includes('upstream exploded'))).toBe(true);
  });

  it('maps known error kinds to specs and leaves the rest to the 500 path', () => {
    expect(toApiErrorSpec(new Error('boom'))).toBeUndefined();
    expect(toApiErrorSpec(new ApiError({ status: 409, code: upstreamCode('c'), message: 'm' }))).toEqual({
      status: 409,
      code: 'c',
      message: 'm',
    });
    const syntax = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(toApiErrorSpec(syntax)).toMatchObject({ status: 400, code: 'invalid_json' });
  });
});

describe('model plane lifecycle', () => {
  it('closes the model plane when the server closes', async () => {
    server = await testServer();
    const { plane } = server;
    await server.close();
    server = undefined;
    expect(plane.closed).toBe(true);
  });

  it('refuses to build a non-loopback server without keys', async () => {
    await expect(testServer({ server: { host: '0.0.0.0' } })).rejects.toThrow(ConfigError);
    await expect(testServer({ server: { host: '::' } })).rejects.toThrow(
      /refusing to listen beyond this machine/,
    );
  });
});

describe('dialectForUrl', () => {
  it('maps /v1/messages and its sub-paths to anthropic, everything else to openai', () => {
    expect(dialectForUrl('/v1/messages')).toBe('anthropic');
    expect(dialectForUrl('/v1/messages?beta=true')).toBe('anthropic');
    expect(dialectForUrl('/v1/messages/count_tokens')).toBe('anthropic');
    expect(dialectForUrl('/v1/messagesx')).toBe('openai');
    expect(dialectForUrl('/v1/chat/completions')).toBe('openai');
  });
});
