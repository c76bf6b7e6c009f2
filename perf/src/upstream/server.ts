/**
 * The lean mock upstream: a bare node:http server (plus a `ws` server for the WebSocket baseline) that
 * answers an OpenAI-compatible API as cheaply as possible, so that on a shared core it is never what limits
 * a measurement. provider-fixtures' loopback server records every request and rebuilds answers per call —
 * right for contract tests, too heavy to sit beside a load generator.
 *
 *   POST /v1/chat/completions        JSON (~650 B) or, with `"stream": true`, paced chunks
 *   POST /v1/responses               paced Responses SSE events (`"stream": true` is assumed)
 *   GET  /v1/responses (upgrade)     WebSocket mode: each `response.create` streams the same events
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { chatCompletionBody, chatStream, responsesEvents, sseEvent } from './frames.ts';
import { pace } from './pacer.ts';

export interface LeanUpstreamOptions {
  readonly port?: number;
  readonly deltas: number;
  readonly intervalMs: number;
}

export interface LeanUpstream {
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

interface StreamRequest {
  readonly model: string;
  readonly stream: boolean;
}

/** Only the two fields the upstream needs; anything unparsable is a plain non-streamed request. */
function parseRequest(text: string): StreamRequest {
  try {
    const body = JSON.parse(text) as { model?: unknown; stream?: unknown };
    return {
      model: typeof body.model === 'string' ? body.model : 'perf-model',
      stream: body.stream === true,
    };
  } catch {
    return { model: 'perf-model', stream: false };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

function streamChat(response: ServerResponse, model: string, options: LeanUpstreamOptions): void {
  response.writeHead(200, SSE_HEADERS);
  response.write(chatStream.head(model));
  const stop = pace(
    options.deltas,
    options.intervalMs,
    (seq) => response.write(chatStream.delta(model, seq)),
    () => response.end(chatStream.tail(model, options.deltas)),
  );
  response.on('close', stop);
}

function streamResponses(response: ServerResponse, model: string, options: LeanUpstreamOptions): void {
  response.writeHead(200, SSE_HEADERS);
  const head = responsesEvents.head(model, options.deltas);
  response.write(
    head.map((event) => sseEvent((event as { type: string }).type, JSON.stringify(event))).join(''),
  );
  const stop = pace(
    options.deltas,
    options.intervalMs,
    (seq) =>
      response.write(sseEvent('response.output_text.delta', responsesEvents.delta(seq, head.length + seq))),
    () =>
      response.end(
        responsesEvents
          .tail(model, options.deltas, head.length + options.deltas)
          .map((event) => sseEvent((event as { type: string }).type, JSON.stringify(event)))
          .join(''),
      ),
  );
  response.on('close', stop);
}

function streamOverWebSocket(socket: WebSocket, model: string, options: LeanUpstreamOptions): void {
  const head = responsesEvents.head(model, options.deltas);
  for (const event of head) socket.send(JSON.stringify(event));
  const stop = pace(
    options.deltas,
    options.intervalMs,
    (seq) => socket.send(responsesEvents.delta(seq, head.length + seq)),
    () => {
      for (const event of responsesEvents.tail(model, options.deltas, head.length + options.deltas))
        socket.send(JSON.stringify(event));
    },
  );
  socket.once('close', stop);
}

export async function startLeanUpstream(options: LeanUpstreamOptions): Promise<LeanUpstream> {
  const chatBodies = new Map<string, string>();
  const server = createServer((request, response) => {
    readBody(request).then(
      (text) => {
        const { model, stream } = parseRequest(text);
        if (request.method === 'POST' && request.url === '/v1/chat/completions') {
          if (stream) return streamChat(response, model, options);
          let body = chatBodies.get(model);
          if (body === undefined) chatBodies.set(model, (body = chatCompletionBody(model)));
          response.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          return response.end(body);
        }
        if (request.method === 'POST' && request.url === '/v1/responses')
          return streamResponses(response, model, options);
        if (request.url === '/health') return response.end('ok');
        response
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"error":{"message":"not found"}}');
      },
      () => response.destroy(),
    );
  });
  server.keepAliveTimeout = 60_000;
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    if (request.url !== '/v1/responses') return socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data: Buffer) => {
        const frame = parseRequest(data.toString('utf8'));
        streamOverWebSocket(ws, frame.model, options);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
