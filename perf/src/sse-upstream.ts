import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SseUpstreamOptions {
  readonly chunks: number;
  readonly intervalMs: number;
}

export interface SseUpstream {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A loopback SSE server used as the load target until proxy-core's mock provider takes that role:
 * each POST streams `chunks` data frames `intervalMs` apart and ends with `data: [DONE]`.
 */
export async function startSseUpstream(options: SseUpstreamOptions): Promise<SseUpstream> {
  const server: Server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < options.chunks) {
        response.write(`data: {"index":${sent}}\n\n`);
        sent += 1;
        return;
      }
      clearInterval(timer);
      response.end('data: [DONE]\n\n');
    }, options.intervalMs);
    response.on('close', () => clearInterval(timer));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
