/**
 * Issue 11: hostile bodies against the real model plane (mock provider). Limits apply right after JSON
 * parsing, on every route, before the idempotency fingerprint or a decoder sees the body.
 */
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SwitchyardConfigInput } from '../config/schema.ts';
import { createServer } from '../server/create-server.ts';
import type { SwitchyardServer } from '../server/build-server.ts';

let server: SwitchyardServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(config: SwitchyardConfigInput = {}): Promise<SwitchyardServer> {
  server = await createServer(
    { ...config, controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-limits-')) } },
    { logDestination: new PassThrough() },
  );
  return server;
}

/** `{"a":{"a":…{}}}` as text, `depth` objects deep, built without recursion. */
const deepText = (depth: number): string => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
const emptyItems = (count: number): string => `[${new Array<string>(count).fill('{}').join(',')}]`;

const ROUTES = [
  ['/v1/chat/completions', `{"model":"mock-small","messages":[{"role":"user","content":"hi"}],"x":DEEP}`],
  ['/v1/responses', `{"model":"mock-small","input":"hi","x":DEEP}`],
  [
    '/v1/messages',
    `{"model":"mock-small","max_tokens":16,"messages":[{"role":"user","content":"hi"}],"x":DEEP}`,
  ],
  ['/message', `{"message":"hi","x":DEEP}`],
] as const;

describe('input limits on the real model plane', () => {
  it.each(ROUTES)(
    'refuses deep JSON with an Idempotency-Key on %s as a 400 request_too_deep, not a stack overflow',
    async (route, template) => {
      const app = (await start()).app;
      const response = await request(app.server)
        .post(route)
        .set('content-type', 'application/json')
        .set('idempotency-key', 'deep-1')
        .send(template.replace('DEEP', deepText(5_000)));
      expect(response.status).toBe(400);
      const message = 'server.limits.maxDepth';
      if (route === '/v1/messages') {
        expect(response.body).toEqual({
          type: 'error',
          error: { type: 'invalid_request_error', message: expect.stringContaining(message) },
          request_id: null,
        });
      } else {
        expect(response.body).toEqual({
          error: {
            type: 'invalid_request_error',
            code: 'request_too_deep',
            param: `x${'.a'.repeat(255)}`,
            message: expect.stringContaining(message),
          },
        });
      }
    },
  );

  it('fingerprints a valid, very deep tools[].function.parameters when the operator raised maxDepth', async () => {
    const app = (await start({ server: { limits: { maxDepth: 20_000 } } })).app;
    const body =
      '{"model":"mock-small","messages":[{"role":"user","content":"hi"}],' +
      `"tools":[{"type":"function","function":{"name":"deep","parameters":${deepText(10_000)}}}]}`;
    const send = () =>
      request(app.server)
        .post('/v1/chat/completions')
        .set('content-type', 'application/json')
        .set('idempotency-key', 'deep-tools')
        .send(body);
    const first = await send();
    expect(first.status).toBe(200);
    const replay = await send();
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses an array longer than server.limits.maxArrayLength before any decoder runs', async () => {
    const app = (await start()).app;
    const response = await request(app.server)
      .post('/v1/responses')
      .set('content-type', 'application/json')
      .send(`{"model":"mock-small","input":${emptyItems(200_000)}}`)
      .expect(400);
    expect((response.body as { error: unknown }).error).toEqual({
      type: 'invalid_request_error',
      code: 'limit_exceeded',
      param: 'input',
      message:
        "Request body has an array longer than 20000 items at 'input'; this server's limit is server.limits.maxArrayLength.",
    });
  });

  it.each([
    ['/v1/responses', 'input', `{"model":"mock-small","input":ITEMS}`],
    ['/v1/chat/completions', 'messages', `{"model":"mock-small","messages":ITEMS}`],
    ['/v1/messages', 'messages', `{"model":"mock-small","max_tokens":16,"messages":ITEMS}`],
  ])(
    'answers 200,000 bad %s items within the limits with one short 400 naming the first bad item',
    async (route, field, template) => {
      const app = (await start({ server: { limits: { maxArrayLength: 1_000_000 } } })).app;
      const response = await request(app.server)
        .post(route)
        .set('content-type', 'application/json')
        .send(template.replace('ITEMS', emptyItems(200_000)))
        .expect(400);
      // One issue, not 200,000 of them: the error stays a few hundred bytes.
      expect(response.text.length).toBeLessThan(1_000);
      expect(response.text).toContain(`${field}[0]`);
    },
  );

  it('lets a realistic agent session through the defaults: 3,000 input items, tool schema 40 levels deep', async () => {
    const app = (await start()).app;
    let schema: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 20; level += 1) schema = { type: 'object', properties: { child: schema } };
    const input = Array.from({ length: 3_000 }, (_, index) =>
      index % 2 === 0
        ? { role: 'user', content: [{ type: 'input_text', text: `step ${index}` }] }
        : { role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] },
    );
    await request(app.server)
      .post('/v1/responses')
      .send({ model: 'mock-small', input, tools: [{ type: 'function', name: 'run', parameters: schema }] })
      .expect(200);
  });

  it('applies the same limits to Responses WebSocket frames, with an error frame and the connection kept', async () => {
    const started = await start({ server: { limits: { maxArrayLength: 10 } } });
    await started.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = started.app.server.address() as AddressInfo;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/responses`);
    await once(ws, 'open');
    const frames: unknown[] = [];
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString())));
    const deep = `{"type":"response.create","model":"mock-small","input":"hi","x":${deepText(5_000)}}`;
    ws.send(deep);
    ws.send(`{"type":"response.create","model":"mock-small","input":${emptyItems(11)}}`);
    await expect.poll(() => frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.slice(0, 2)).toEqual([
      expect.objectContaining({
        type: 'error',
        status: 400,
        error: expect.objectContaining({ code: 'request_too_deep' }),
      }),
      expect.objectContaining({
        type: 'error',
        status: 400,
        error: expect.objectContaining({ code: 'limit_exceeded', param: 'input' }),
      }),
    ]);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
