import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, testServer, withKeys, type TestServer } from '../server/testing/test-servers.ts';
import { anthropicModelList, wantsAnthropicList } from './models.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('GET /v1/models', () => {
  it('lists provider-qualified ids in the OpenAI shape by default', async () => {
    server = await testServer();
    const response = await request(server.app.server)
      .get('/v1/models')
      .set('user-agent', 'OpenAI/JS 7.57.0')
      .expect(200);
    expect(response.body).toEqual({
      object: 'list',
      data: [
        { id: 'mock/mock-small', object: 'model', created: 1_700_000_000, owned_by: 'mock' },
        { id: 'mock/mock-large', object: 'model', created: 1_700_000_100, owned_by: 'mock' },
      ],
    });
  });

  it.each(['claude-cli/1.0.83 (external, cli)', 'Claude-CLI/2.0', 'CLAUDE-CLI'])(
    'answers User-Agent %s with the Anthropic shape',
    async (userAgent) => {
      server = await testServer();
      const response = await request(server.app.server)
        .get('/v1/models')
        .set('user-agent', userAgent)
        .expect(200);
      expect(response.body).toEqual({
        object: 'list',
        data: [
          {
            id: 'mock/mock-small',
            object: 'model',
            type: 'model',
            display_name: 'Mock Small',
            created_at: '2023-11-14T22:13:20.000Z',
            owned_by: 'mock',
          },
          expect.objectContaining({ id: 'mock/mock-large', type: 'model', display_name: 'Mock Large' }),
        ],
        has_more: false,
        first_id: 'mock/mock-small',
        last_id: 'mock/mock-large',
      });
    },
  );

  it('only treats a User-Agent that starts with claude-cli as Claude Code', () => {
    expect(wantsAnthropicList('my-claude-cli/1.0')).toBe(false);
    expect(wantsAnthropicList(undefined)).toBe(false);
    expect(wantsAnthropicList('  claude-cli')).toBe(true);
    expect(anthropicModelList([])).toMatchObject({ data: [], first_id: '', last_id: '' });
  });

  it('needs a key when keys are configured: 401 in the OpenAI shape', async () => {
    server = await testServer(withKeys);
    const response = await request(server.app.server).get('/v1/models').expect(401);
    expect(response.body).toEqual({
      error: {
        message: expect.stringContaining('Missing API key'),
        type: 'authentication_error',
        param: null,
        code: 'missing_api_key',
      },
    });
    expect(response.headers['x-should-retry']).toBe('false');
    await request(server.app.server)
      .get('/v1/models')
      .set('authorization', `Bearer ${ALICE.key}`)
      .expect(200);
  });
});

describe('GET /v1/models and /v1/models/{model} for each client', () => {
  it("answers a Gemini client (key in x-goog-api-key or ?key=) in Google's shape, every other client as before", async () => {
    server = await testServer(withKeys);
    const app = server.app.server;
    const gemini = {
      models: [expect.objectContaining({ name: 'models/mock/mock-small' }), expect.anything()],
    };
    const byHeader = await request(app).get('/v1/models').set('x-goog-api-key', ALICE.key).expect(200);
    expect(byHeader.body).toEqual(gemini);
    const byQuery = await request(app).get(`/v1/models?key=${ALICE.key}&pageSize=50`).expect(200);
    expect(byQuery.body).toEqual(gemini);
    // An OpenAI SDK (Bearer) and an Anthropic SDK (x-api-key) keep their shapes, even with a Google key as well.
    const openAi = await request(app)
      .get('/v1/models')
      .set('authorization', `Bearer ${ALICE.key}`)
      .set('x-goog-api-key', ALICE.key)
      .expect(200);
    expect(openAi.body).toMatchObject({
      object: 'list',
      data: [{ id: 'mock/mock-small', object: 'model' }, {}],
    });
    const anthropic = await request(app).get('/v1/models').set('x-api-key', ALICE.key).expect(200);
    expect(anthropic.body).toMatchObject({ object: 'list' });
  });

  it("gets one model in the client's shape, and an unlisted one is a 404 in the client's error shape", async () => {
    server = await testServer(withKeys);
    const app = server.app.server;
    for (const path of ['/v1/models/mock/mock-small', '/v1/models/models/mock%2Fmock-small']) {
      const gemini = await request(app).get(path).set('x-goog-api-key', ALICE.key).expect(200);
      expect(gemini.body).toMatchObject({ name: 'models/mock/mock-small', baseModelId: 'mock/mock-small' });
    }
    const openAi = await request(app)
      .get('/v1/models/mock%2Fmock-small')
      .set('authorization', `Bearer ${ALICE.key}`)
      .expect(200);
    expect(openAi.body).toEqual({
      id: 'mock/mock-small',
      object: 'model',
      created: 1_700_000_000,
      owned_by: 'mock',
    });

    const missingGemini = await request(app)
      .get('/v1/models/nope')
      .set('x-goog-api-key', ALICE.key)
      .expect(404);
    expect(missingGemini.body).toEqual({
      error: { code: 404, message: expect.stringContaining('"nope"') as unknown, status: 'NOT_FOUND' },
    });
    const missingOpenAi = await request(app)
      .get('/v1/models/nope')
      .set('authorization', `Bearer ${ALICE.key}`)
      .expect(404);
    expect(missingOpenAi.body).toMatchObject({ error: { code: 'model_not_found', param: 'model' } });
    // A Gemini client with a wrong key is refused in Google's shape too.
    const refused = await request(app).get('/v1/models').set('x-goog-api-key', 'not-a-key').expect(401);
    expect(refused.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});
