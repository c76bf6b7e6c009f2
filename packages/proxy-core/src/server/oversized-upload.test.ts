/**
 * Issue 11: an oversized upload gets its 413. Real uploads over real sockets, several in a row: before the
 * fix node closed the socket right after the early 413 and some clients saw EPIPE/ECONNRESET instead.
 */
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { Worker } from 'node:worker_threads';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from './testing/test-servers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const LIMIT = 10 * 1024 * 1024;
const UPLOAD = 11_000_000;

async function listening(): Promise<number> {
  server = await testServer({ server: { bodyLimitBytes: LIMIT } });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return (server.app.server.address() as AddressInfo).port;
}

/** POSTs `bytes` of body over node:http, writing with backpressure; resolves with the answer. */
function upload(
  port: number,
  path: string,
  bytes: number,
  framing: 'content-length' | 'chunked',
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (framing === 'content-length') headers['content-length'] = bytes;
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, headers });
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
      );
    });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        const size = Math.min(chunk.length, bytes - sent);
        sent += size;
        if (!outgoing.write(chunk.subarray(0, size))) {
          outgoing.once('drain', pump);
          return;
        }
      }
      outgoing.end();
    };
    pump();
  });
}

/**
 * Uploads from a worker thread: the client needs its own event loop, or its writes and the server's close
 * interleave in lock step and the race that loses the 413 never happens.
 */
async function fetchUploadsFromWorker(url: string, bytes: number, times: number): Promise<unknown[]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const answers = [];
      for (let attempt = 0; attempt < workerData.times; attempt += 1) {
        try {
          const response = await fetch(workerData.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: Buffer.alloc(workerData.bytes, 0x20),
          });
          answers.push({ status: response.status, body: await response.json() });
        } catch (error) {
          answers.push({ error: String(error?.cause?.code ?? error) });
        }
      }
      parentPort.postMessage(answers);
    })();
  `;
  const worker = new Worker(source, { eval: true, workerData: { url, bytes, times } });
  const [answers] = (await once(worker, 'message')) as [unknown[]];
  await worker.terminate();
  return answers;
}

/** Resolves on the first of `events`, or on a socket error (a cut connection is what is being waited for). */
function settled(socket: Socket, events: readonly string[]): Promise<void> {
  return new Promise((resolve) => {
    for (const event of [...events, 'error']) socket.once(event, () => resolve());
  });
}

const TOO_LARGE = {
  error: expect.objectContaining({ code: 'body_too_large', type: 'invalid_request_error' }),
};

describe('oversized uploads reliably get their 413', () => {
  it.each(['content-length', 'chunked'] as const)(
    'every one of 10 node:http uploads (%s) receives the 413 JSON',
    async (framing) => {
      const port = await listening();
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const answer = await upload(port, '/v1/chat/completions', UPLOAD, framing);
        expect(answer).toEqual({ status: 413, body: TOO_LARGE });
      }
    },
  );

  it('every one of 15 fetch uploads from another thread receives the 413 JSON, Anthropic-shaped on /v1/messages', async () => {
    const port = await listening();
    const answers = await fetchUploadsFromWorker(`http://127.0.0.1:${port}/v1/messages`, UPLOAD, 15);
    expect(answers).toEqual(
      new Array(15).fill({
        status: 413,
        body: {
          type: 'error',
          error: { type: 'request_too_large', message: expect.stringContaining('server.bodyLimitBytes') },
          request_id: null,
        },
      }),
    );
  });

  it('keeps serving the connection after a drained 413', async () => {
    const port = await listening();
    await upload(port, '/v1/chat/completions', UPLOAD, 'content-length');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('does not drain for ever: past the drain bound the socket is cut, with the 413 already sent', async () => {
    server = await testServer({ server: { bodyLimitBytes: 64 * 1024 } });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.app.server.address() as AddressInfo;
    const declared = 1024 * 1024 * 1024;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    while (!socket.destroyed && sent < declared) {
      sent += chunk.length;
      if (!socket.write(chunk)) await settled(socket, ['drain', 'close']);
    }
    if (!socket.destroyed) await settled(socket, ['close']);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    // Cut after about DRAIN_FACTOR (4) times the limit (plus what the kernel buffers), far from the declared 1 GiB.
    expect(sent).toBeLessThan(declared / 8);
  });
});
