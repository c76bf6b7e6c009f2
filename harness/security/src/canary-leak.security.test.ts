import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_ORIGIN, canary, startCanaryServer, type CanaryServer } from './canary-server.ts';

/** Everything a client and an operator can see of one exchange, as text. */
async function visible(response: Response): Promise<string> {
  const headers = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status}\n${headers}\n${await response.text()}`;
}

describe('security: token-leak canaries against the running proxy', () => {
  const clientKey = canary('client');
  const guessedKeys = [canary('bearer'), canary('x-api-key'), canary('goog'), canary('query')];
  let server: CanaryServer;
  const seen: string[] = [];

  beforeAll(async () => {
    server = await startCanaryServer(clientKey);
    const chat = (body: string, headers: Record<string, string>) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const valid = JSON.stringify({ model: 'mock/mock-small', messages: [{ role: 'user', content: 'hi' }] });
    const exchanges = [
      // wrong keys in every accepted place
      fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${guessedKeys[0] ?? ''}` } }),
      fetch(`${server.url}/v1/models`, { headers: { 'x-api-key': guessedKeys[1] ?? '' } }),
      fetch(`${server.url}/v1/models`, { headers: { 'x-goog-api-key': guessedKeys[2] ?? '' } }),
      fetch(`${server.url}/v1/models?key=${guessedKeys[3] ?? ''}`),
      // the right key, on success and on every kind of client error
      chat(valid, { authorization: `Bearer ${clientKey}` }),
      chat(JSON.stringify({ ...JSON.parse(valid), stream: true }), { 'x-api-key': clientKey }),
      chat('{"model":', { authorization: `Bearer ${clientKey}` }),
      chat(JSON.stringify({ ...JSON.parse(valid), model: 'nope/unknown' }), {
        authorization: `Bearer ${clientKey}`,
      }),
      chat('x'.repeat(70 * 1024), { authorization: `Bearer ${clientKey}` }),
      fetch(`${server.url}/v1/messages?key=${clientKey}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      }),
    ];
    for (const exchange of exchanges) seen.push(await visible(await exchange));
    const metricsHeaders = { authorization: `Bearer ${clientKey}` };
    seen.push(await visible(await fetch(`${server.url}/v1/metrics/providers`, { headers: metricsHeaders })));
    seen.push(await visible(await fetch(`${server.url}/metrics`, { headers: metricsHeaders })));
  });

  afterAll(async () => {
    await server.close();
  });

  it('answered the exchanges as expected (the canaries were really presented)', () => {
    const statuses = seen.map((text) => Number(text.split('\n')[0]));
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4, 10)).toEqual([200, 200, 400, 404, 413, 415]);
    expect(statuses.slice(10)).toEqual([200, 200]);
  });

  it('never echoes a client key, right or wrong, in any response', () => {
    for (const secret of [clientKey, ...guessedKeys]) {
      for (const text of seen) expect(text).not.toContain(secret);
    }
  });

  it('never writes a client key, right or wrong, to a log line', () => {
    expect(server.logLines().length).toBeGreaterThan(10);
    for (const secret of [clientKey, ...guessedKeys]) {
      for (const line of server.logLines()) expect(line).not.toContain(secret);
    }
  });
});

describe('security: hostile browser origins and hostile input against the running proxy', () => {
  const clientKey = canary('hostile');
  let server: CanaryServer;
  const auth = () => ({ authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    server = await startCanaryServer(clientKey);
  });

  afterAll(async () => {
    await server.close();
  });

  it('refuses a foreign Origin with 403 in each dialect, and never answers CORS with *', async () => {
    const foreign = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth(), origin: 'https://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    const anthropic = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { ...auth(), origin: 'null' },
      body: '{}',
    });
    expect(anthropic.status).toBe(403);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    const allowed = await fetch(`${server.url}/v1/models`, {
      headers: { ...auth(), origin: ALLOWED_ORIGIN },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('refuses a Host header that is not loopback while bound to loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolveStatus, reject) => {
      const req = request(`${server.url}/v1/models`, {
        headers: { host: 'rebind.attacker.example', ...auth() },
      });
      req.on('response', (response) => {
        response.resume();
        resolveStatus(response.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it.each([
    [
      'a prototype-pollution body',
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    ],
    ['a model name with control characters', '{"model":"mock/\\u0000\\u001b[31m","messages":[]}'],
    ['deeply nested JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a non-object JSON body', '"just a string"'],
    ['messages of the wrong type', '{"model":"mock/mock-small","messages":"hi"}'],
  ])('answers %s with a 4xx in the OpenAI shape, never a 5xx, and pollutes nothing', async (_label, body) => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: auth(),
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toMatchObject({
      error: { type: expect.any(String), message: expect.any(String) },
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
