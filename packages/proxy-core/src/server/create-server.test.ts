import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServer } from './create-server.ts';
import { firstTerminationSignal } from './serve.ts';

/** Each server gets its own data directory, so tests never touch the user's XDG data. */
const controlPlane = () => ({ dataDir: mkdtempSync(join(tmpdir(), 'switchyard-create-')) });

describe('createServer on the real model plane', () => {
  it('starts with no configuration and lists the built-in mock models, provider-qualified', async () => {
    const server = await createServer(
      { controlPlane: controlPlane() },
      { logDestination: new PassThrough() },
    );
    try {
      const { body } = await request(server.app.server).get('/v1/models').expect(200);
      const ids = (body as { data: { id: string }[] }).data.map((model) => model.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every((id) => id.startsWith('mock/'))).toBe(true);
      const metrics = await request(server.app.server).get('/v1/metrics/providers').expect(200);
      expect(metrics.body).toHaveProperty('mock.success_rate', 1);
    } finally {
      await server.close();
    }
  });
});

describe('the shell guards the real model plane’s WebSocket upgrades', () => {
  it('answers 403 to a foreign Origin and 401 to a missing key before any handshake', async () => {
    const server = await createServer(
      { auth: { keys: [{ id: 'ws', key: 'sk-test-ws-0123456789abcdef' }] }, controlPlane: controlPlane() },
      { logDestination: new PassThrough() },
    );
    try {
      await server.listen();
      const { port } = server.app.server.address() as AddressInfo;
      const statusOf = async (options: WebSocket.ClientOptions): Promise<number> => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/responses`, options);
        socket.on('error', () => undefined);
        const [, response] = (await once(socket, 'unexpected-response')) as [unknown, { statusCode: number }];
        socket.terminate();
        return response.statusCode;
      };
      expect(
        await statusOf({
          origin: 'https://evil.example',
          headers: { 'x-api-key': 'sk-test-ws-0123456789abcdef' },
        }),
      ).toBe(403);
      expect(await statusOf({})).toBe(401);
    } finally {
      await server.close();
    }
  });
});

describe('hostile WebSocket clients cannot take the server down', () => {
  const KEY = 'sk-test-ws-0123456789abcdef';
  const upgradeRequest = (port: number): string =>
    [
      'GET /v1/responses HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n');

  it('survives clients that reset the connection right after sending a refused upgrade', async () => {
    const server = await createServer(
      { auth: { keys: [{ id: 'ws', key: KEY }] }, controlPlane: controlPlane() },
      { logDestination: new PassThrough() },
    );
    try {
      await server.listen();
      const { port } = server.app.server.address() as AddressInfo;
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        await once(socket, 'connect');
        socket.write(upgradeRequest(port));
        // An RST instead of a FIN: the server's 401 is then written to a socket that is already gone.
        socket.resetAndDestroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      await request(server.app.server).get('/healthz').expect(200);
    } finally {
      await server.close();
    }
  });

  it('closes a frame over the size limit with 1009 and keeps serving', async () => {
    const server = await createServer(
      {
        auth: { keys: [{ id: 'ws', key: KEY }] },
        controlPlane: controlPlane(),
        modelPlane: { websocket: { maxMessageBytes: 1024 } },
      },
      { logDestination: new PassThrough() },
    );
    try {
      await server.listen();
      const { port } = server.app.server.address() as AddressInfo;
      const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/responses`, { headers: { 'x-api-key': KEY } });
      await once(socket, 'open');
      const closed = once(socket, 'close') as Promise<[number, Buffer]>;
      socket.send('x'.repeat(4096));
      const [code] = await closed;
      expect(code).toBe(1009);
      await request(server.app.server).get('/healthz').expect(200);
    } finally {
      await server.close();
    }
  });
});

describe('firstTerminationSignal', () => {
  it('resolves with the first SIGTERM or SIGINT and stops listening afterwards', async () => {
    const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') };
    const stopped = firstTerminationSignal();
    expect(process.listenerCount('SIGTERM')).toBe(before.term + 1);
    process.emit('SIGINT', 'SIGINT');
    await expect(stopped).resolves.toBe('SIGINT');
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
    expect(process.listenerCount('SIGINT')).toBe(before.int);
  });
});
