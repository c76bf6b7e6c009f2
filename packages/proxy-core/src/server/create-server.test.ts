import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
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
