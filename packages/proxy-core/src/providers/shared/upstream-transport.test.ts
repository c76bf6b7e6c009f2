import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postUpstream } from './upstream-transport.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | undefined;

async function upstream(handler: Handler): Promise<{ url: string; ports: number[] }> {
  const ports: number[] = [];
  server = createServer((request, response) => {
    ports.push(request.socket.remotePort ?? 0);
    request.resume();
    request.on('end', () => handler(request, response));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x`, ports };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of body) text += Buffer.from(chunk).toString('utf8');
  return text;
}

describe('upstream transport (node:http with a keep-alive agent)', () => {
  it('POSTs the body with its length and hands back status, content type and the body', async () => {
    let seen = '';
    const { url } = await upstream((request, response) => {
      seen = `${request.method} ${request.headers['content-length']} ${String(request.headers['x-test'])}`;
      response.writeHead(201, { 'content-type': 'application/json', 'retry-after': '3' });
      response.end('{"ok":true}');
    });
    const answer = await postUpstream(url, { 'x-test': 'yes' }, '{"é":1}', new AbortController().signal);
    expect(seen).toBe('POST 8 yes'); // 'é' is two bytes in UTF-8
    expect([answer.status, answer.ok, answer.contentType]).toEqual([201, true, 'application/json']);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(await answer.text()).toBe('{"ok":true}');
  });

  it('reuses the connection for the next call once a body was read to its end', async () => {
    const { url, ports } = await upstream((_request, response) => response.end('done'));
    for (let i = 0; i < 3; i += 1) {
      const answer = await postUpstream(url, {}, '{}', new AbortController().signal);
      await answer.text();
    }
    expect(new Set(ports).size).toBe(1);
  });

  it('an abort after the exchange finished touches nothing: no error, the socket stays pooled', async () => {
    const { url, ports } = await upstream((_request, response) => response.end('done'));
    const controller = new AbortController();
    const answer = await postUpstream(url, {}, '{}', controller.signal);
    expect(await collect(answer.body)).toBe('done');
    answer.release();
    controller.abort(new Error('client gone'));
    const next = await postUpstream(url, {}, '{}', new AbortController().signal);
    expect(await next.text()).toBe('done');
    expect(new Set(ports).size).toBe(1);
  });

  it('an abort mid-body fails the reader with the abort reason and closes that connection', async () => {
    const { url } = await upstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
    });
    const controller = new AbortController();
    const answer = await postUpstream(url, {}, '{}', controller.signal);
    const reading = collect(answer.body);
    setTimeout(() => controller.abort(new Error('deadline')), 20);
    await expect(reading).rejects.toThrow('deadline');
  });

  it('an already aborted signal never sends', async () => {
    const { url, ports } = await upstream((_request, response) => response.end('x'));
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(postUpstream(url, {}, '{}', controller.signal)).rejects.toThrow('too late');
    expect(ports).toEqual([]);
  });

  it('release() drains a body the reader left early, so its socket serves the next call', async () => {
    const { url, ports } = await upstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: [DONE]\n\n');
      setTimeout(() => response.end(), 20);
    });
    const answer = await postUpstream(url, {}, '{}', new AbortController().signal);
    for await (const chunk of answer.body) {
      expect(Buffer.from(chunk).toString('utf8')).toContain('[DONE]');
      break;
    }
    answer.release();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const next = await postUpstream(url, {}, '{}', new AbortController().signal);
    next.release();
    expect(new Set(ports).size).toBe(1);
  });

  it('reports the connection as standing before the upstream answers, for new and for pooled sockets', async () => {
    const { url } = await upstream((_request, response) => {
      setTimeout(() => response.end('late'), 80);
    });
    for (let round = 0; round < 2; round += 1) {
      const events: string[] = [];
      const answered = postUpstream(url, {}, '{}', new AbortController().signal, () => {
        events.push('connected');
      }).then(async (answer) => {
        events.push('answered');
        return answer.text();
      });
      expect(await answered).toBe('late');
      expect(events).toEqual(['connected', 'answered']);
    }
  });

  it('a refused connection rejects with the socket error', async () => {
    const { url } = await upstream((_request, response) => response.end());
    server?.close();
    server?.closeAllConnections();
    await once(server as Server, 'close');
    await expect(postUpstream(url, {}, '{}', new AbortController().signal)).rejects.toThrow(/ECONNREFUSED/);
  });
});
