import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContractServer, listenStrict } from './msw-server.ts';

const mockedUpstream = http.post('https://api.openai.com/v1/chat/completions', ({ request }) =>
  HttpResponse.json({ echoedAuthorization: request.headers.get('authorization') }),
);

describe('contract harness: MSW with loopback passthrough and hard failure on unmocked hosts', () => {
  const msw = createContractServer(mockedUpstream);
  let loopback: Server;
  let loopbackUrl: string;

  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    listenStrict(msw);
    loopback = createServer((_request, response) => response.end('real loopback server'));
    await new Promise<void>((resolveListen) => loopback.listen(0, '127.0.0.1', resolveListen));
    loopbackUrl = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    msw.close();
    await new Promise<void>((resolveClose) => loopback.close(() => resolveClose()));
  });

  it('answers a mocked provider request from the handler, with the request as sent', async () => {
    const response = await fetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer upstream-test-key' },
      body: '{}',
    });
    expect(await response.json()).toEqual({ echoedAuthorization: 'Bearer upstream-test-key' });
  });

  it('lets loopback traffic reach the real server', async () => {
    const response = await fetch(loopbackUrl);
    expect(await response.text()).toBe('real loopback server');
  });

  it('rejects a request to an external host that no handler covers', async () => {
    await expect(fetch('https://unmocked.example.invalid/v1/models')).rejects.toThrow();
  });
});
