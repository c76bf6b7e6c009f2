/**
 * The model lists from the real server (createServer: the real model plane and its provider registry), not from the
 * fake plane's fixed list: what an operator's config enables is what every client's model list shows, in each
 * client's shape — OpenAI's, Anthropic's (claude-cli), Google's (`models/` names).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchyardServer } from '../server/build-server.ts';
import { createServer } from '../server/create-server.ts';

let server: SwitchyardServer;
beforeAll(async () => {
  server = await createServer(
    {
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-models-real-')) },
      modelPlane: {
        providers: {
          // Loopback port 9 (discard): nothing is called, listing needs no upstream.
          deepseek: { enabled: true, baseUrl: 'http://127.0.0.1:9/v1', keys: ['ds-key-for-listing'] },
        },
      },
    },
    { logDestination: new PassThrough() },
  );
});
afterAll(async () => {
  await server.close();
});

const ids = (list: readonly { id?: string; name?: string }[]): string[] =>
  list.map((entry) => entry.id ?? entry.name ?? '');

describe('model lists from the real provider registry', () => {
  it('GET /v1/models lists the mock and the enabled provider, provider-qualified, in the OpenAI shape', async () => {
    const response = await request(server.app.server).get('/v1/models').expect(200);
    const listed = ids((response.body as { data: { id: string }[] }).data);
    expect(listed).toEqual(expect.arrayContaining(['mock/mock-small', 'deepseek/deepseek-chat']));
    expect(listed.every((id) => /^(mock|deepseek)\//.test(id))).toBe(true);
    expect((response.body as { data: unknown[] }).data[0]).toMatchObject({ object: 'model' });
  });

  it('answers the claude-cli User-Agent with the same models in the Anthropic shape', async () => {
    const openAi = await request(server.app.server).get('/v1/models').expect(200);
    const anthropic = await request(server.app.server)
      .get('/v1/models')
      .set('user-agent', 'claude-cli/2.1.332 (external, cli)')
      .expect(200);
    const body = anthropic.body as { data: { id: string; type: string }[]; has_more: boolean };
    expect(ids(body.data)).toEqual(ids((openAi.body as { data: { id: string }[] }).data));
    expect(body.data.every((model) => model.type === 'model')).toBe(true);
    expect(body.has_more).toBe(false);
  });

  it("GET /v1beta/models lists the same models in Google's shape, named models/…", async () => {
    const openAi = await request(server.app.server).get('/v1/models').expect(200);
    const google = await request(server.app.server).get('/v1beta/models').expect(200);
    const names = ids((google.body as { models: { name: string }[] }).models);
    expect(names).toEqual(ids((openAi.body as { data: { id: string }[] }).data).map((id) => `models/${id}`));
    await request(server.app.server).get('/v1beta/models/deepseek/deepseek-chat').expect(200);
  });
});
