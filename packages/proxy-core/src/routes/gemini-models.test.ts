import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, testServer, withKeys, type TestServer } from '../server/testing/test-servers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const small = {
  name: 'models/mock/mock-small',
  baseModelId: 'mock/mock-small',
  displayName: expect.any(String) as unknown,
  description: expect.stringContaining('mock provider') as unknown,
  supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
};

describe('GET /v1beta/models', () => {
  it("lists the /v1/models catalog in Google's shape, names prefixed models/", async () => {
    server = await testServer();
    const response = await request(server.app.server).get('/v1beta/models').expect(200);
    expect(response.body).toEqual({
      models: [small, expect.objectContaining({ name: 'models/mock/mock-large' })],
    });
  });

  it.each(['mock/mock-small', 'models/mock/mock-small', 'mock%2Fmock-small'])(
    'finds one model as %s',
    async (name) => {
      server = await testServer();
      const response = await request(server.app.server).get(`/v1beta/models/${name}`).expect(200);
      expect(response.body).toEqual(small);
    },
  );

  it("answers an unknown model with Google's 404", async () => {
    server = await testServer();
    const response = await request(server.app.server).get('/v1beta/models/nope').expect(404);
    expect(response.body).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});

describe('Gemini auth', () => {
  it("takes the key as x-goog-api-key or ?key=, and refuses without one in Google's shape", async () => {
    server = await testServer(withKeys);
    await request(server.app.server).get('/v1beta/models').set('x-goog-api-key', ALICE.key).expect(200);
    await request(server.app.server).get(`/v1beta/models?key=${ALICE.key}`).expect(200);
    const missing = await request(server.app.server).get('/v1beta/models').expect(401);
    expect(missing.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    const wrong = await request(server.app.server).get('/v1beta/models?key=sk-wrong').expect(401);
    expect(JSON.stringify(wrong.body)).not.toContain('sk-wrong');
  });
});
