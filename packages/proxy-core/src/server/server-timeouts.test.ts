/**
 * Issue 11: slow-loris clients are cut off by the configured server timeouts, while a long SSE response is
 * not (node's timeouts cover receiving a request, not sending its answer). Raw `net` sockets, small timeouts.
 */
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { SwitchyardConfigInput } from '../config/schema.ts';
import type { SwitchyardServer } from './build-server.ts';
import { createServer } from './create-server.ts';
import { checkingIntervalMs } from './server-timeouts.ts';

let server: SwitchyardServer | undefined;
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  await server?.close();
  server = undefined;
});

const TIMEOUTS = { headersMs: 200, requestMs: 400, keepAliveMs: 300 };

async function listening(config: SwitchyardConfigInput = {}): Promise<number> {
  server = await createServer(
    {
      ...config,
      server: { ...config.server, timeouts: TIMEOUTS },
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-timeouts-')) },
    },
    { logDestination: new PassThrough() },
  );
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return (server.app.server.address() as AddressInfo).port;
}

/** Writes `first`, then `drip` every 50 ms for as long as the socket stays open; resolves with what came back. */
async function trickle(port: number, first: string, drip: string): Promise<string> {
  const socket: Socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.on('error', () => undefined);
  socket.write(first);
  timers.push(
    setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip);
    }, 50),
  );
  await once(socket, 'close');
  return Buffer.concat(received).toString('latin1');
}

describe('slow-loris timeouts', () => {
  it('cuts a client that trickles its headers (server.timeouts.headersMs)', async () => {
    const port = await listening();
    const answer = await trickle(
      port,
      'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      'X-Slow: 1\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts a client that trickles its body (server.timeouts.requestMs)', async () => {
    const port = await listening();
    const headers =
      'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"model":"';
    const answer = await trickle(port, headers, 'm');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('does not cut an SSE response that streams for longer than every timeout', async () => {
    const port = await listening({
      modelPlane: { providers: { mock: { chunkCount: 12, chunkIntervalMs: 100 } } },
    });
    const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'mock-small',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.match(/^data: \{/gm)?.length).toBeGreaterThanOrEqual(12);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('checks often enough for small timeouts, and no more often than needed for large ones', () => {
    expect(checkingIntervalMs(TIMEOUTS)).toBe(50);
    expect(checkingIntervalMs({ headersMs: 60_000, requestMs: 300_000, keepAliveMs: 72_000 })).toBe(15_000);
  });
});
