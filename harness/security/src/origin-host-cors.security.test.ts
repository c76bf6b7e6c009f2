import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCanary } from './canaries.ts';
import { dialectOf, errorShapeProblem, parseJson, POST_ROUTES } from './dialect-shapes.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';
import { rawRequest } from './raw-http.ts';

/**
 * Browser-borne attacks against the built proxy process: foreign and `null` Origins on every POST route and
 * on the Responses WebSocket upgrade (cross-site WebSocket hijacking), DNS-rebinding Host headers, and CORS
 * preflights from foreign origins. Each refusal is paired with the allowed case, so a guard that refused
 * everything would fail too.
 */
const ALLOWED_ORIGIN = 'https://app.example.com';
const FOREIGN_ORIGINS = [
  'https://evil.example',
  'null',
  'http://127.0.0.1.evil.example',
  `${ALLOWED_ORIGIN}.evil.example`,
  'https://app.example.com:8443',
  'http://app.example.com',
];
const REBINDING_HOSTS = [
  'rebind.attacker.example',
  'rebind.attacker.example:80',
  '127.0.0.1.nip.io',
  'localhost.evil.example',
];

describe('security: cswsh-process — Origin, Host and CORS attacks against the built proxy process', () => {
  const clientKey = makeCanary('origin').value;
  let proxy: ProxyProcess;
  const auth = () => ({ authorization: `Bearer ${clientKey}` });
  const wsUrl = () => `${proxy.url}/v1/responses?key=${encodeURIComponent(clientKey)}`;

  beforeAll(async () => {
    proxy = await startProxyProcess({
      config: {
        server: { host: '127.0.0.1' },
        auth: { keys: [{ id: 'origin-client', key: clientKey }] },
        cors: { allowedOrigins: [ALLOWED_ORIGIN] },
      },
    });
  });

  afterAll(async () => {
    await proxy?.stop();
    proxy?.remove();
  });

  it('refuses a foreign or null Origin on every POST route with 403 in the route’s dialect and no CORS grant', async () => {
    const problems: string[] = [];
    for (const route of POST_ROUTES) {
      for (const origin of FOREIGN_ORIGINS) {
        const answer = await rawRequest(`${proxy.url}${route}`, {
          method: 'POST',
          headers: { ...auth(), origin, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'mock/mock-small', messages: [], message: 'hi' }),
        });
        const shape = errorShapeProblem(dialectOf(route), parseJson(answer.body));
        if (
          answer.status !== 403 ||
          shape !== undefined ||
          answer.headers['access-control-allow-origin'] !== undefined
        ) {
          problems.push(
            `${route} Origin ${origin}: ${answer.status} ${shape ?? ''} ACAO=${String(answer.headers['access-control-allow-origin'])}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
    // The allowed origin gets through (and is the only one reflected).
    const allowed = await rawRequest(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth(), origin: ALLOWED_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/mock-small', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
  });

  it('refuses a WebSocket upgrade from a foreign or null Origin with 403 and never switches protocols (cross-site WebSocket hijacking)', async () => {
    for (const origin of FOREIGN_ORIGINS) {
      const answer = await rawRequest(wsUrl(), { upgrade: true, headers: { origin } });
      expect({ origin, status: answer.status, upgraded: answer.upgraded }).toEqual({
        origin,
        status: 403,
        upgraded: false,
      });
      expect(errorShapeProblem('openai', parseJson(answer.body))).toBeUndefined();
    }
    const allowed = await rawRequest(wsUrl(), { upgrade: true, headers: { origin: ALLOWED_ORIGIN } });
    expect({ status: allowed.status, upgraded: allowed.upgraded }).toEqual({ status: 101, upgraded: true });
    const keyless = await rawRequest(`${proxy.url}/v1/responses`, { upgrade: true });
    expect({ status: keyless.status, upgraded: keyless.upgraded }).toEqual({ status: 401, upgraded: false });
  });

  it('refuses DNS-rebinding Host headers with 403 on HTTP routes and on the WebSocket upgrade, while loopback hosts pass', async () => {
    for (const host of REBINDING_HOSTS) {
      const models = await rawRequest(`${proxy.url}/v1/models`, { headers: { ...auth(), host } });
      const chat = await rawRequest(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...auth(), host, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock/mock-small', messages: [{ role: 'user', content: 'hi' }] }),
      });
      const upgrade = await rawRequest(wsUrl(), { upgrade: true, headers: { host } });
      expect({
        host,
        statuses: [models.status, chat.status, upgrade.status],
        upgraded: upgrade.upgraded,
      }).toEqual({
        host,
        statuses: [403, 403, 403],
        upgraded: false,
      });
    }
    const port = new URL(proxy.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await rawRequest(`${proxy.url}/v1/models`, { headers: { ...auth(), host } })).status).toBe(200);
    }
  });

  it('never answers a CORS preflight from a foreign origin with * or that origin', async () => {
    for (const route of [...POST_ROUTES, '/v1/models', '/v1/responses']) {
      for (const origin of FOREIGN_ORIGINS) {
        const answer = await rawRequest(`${proxy.url}${route}`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, content-type',
          },
        });
        const granted = answer.headers['access-control-allow-origin'];
        expect({
          route,
          origin,
          granted,
          credentials: answer.headers['access-control-allow-credentials'],
        }).toEqual({
          route,
          origin,
          granted: undefined,
          credentials: undefined,
        });
        expect(answer.status).toBeGreaterThanOrEqual(400);
      }
    }
    const allowed = await rawRequest(`${proxy.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
  });
});
