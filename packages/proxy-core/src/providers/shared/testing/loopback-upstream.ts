/**
 * A real `node:http` upstream on 127.0.0.1 for adapter tests: records every request and answers with
 * whatever the test scripts, streaming bodies in several writes so decoders see real chunking.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly rawBody: string;
}

export interface ScriptedResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Written one piece at a time (each a separate socket write). */
  readonly chunks: readonly string[];
  /** Wait this long before sending the status line and headers (a slow connect). */
  readonly headersDelayMs?: number;
  /** Wait this long between the (flushed) headers and the body (a slow non-streamed generation). */
  readonly bodyDelayMs?: number;
}

export interface LoopbackUpstream {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replaces the responder; by default every request gets 500. */
  respond(responder: (request: RecordedRequest) => ScriptedResponse): void;
  close(): Promise<void>;
}

export async function startLoopbackUpstream(): Promise<LoopbackUpstream> {
  const requests: RecordedRequest[] = [];
  let responder = (_: RecordedRequest): ScriptedResponse => ({
    status: 500,
    chunks: ['{"error":{"message":"no script"}}'],
  });
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const rawBody = Buffer.concat(parts).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        body = undefined;
      }
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, rawBody };
      requests.push(recorded);
      const scripted = responder(recorded);
      void answer(res, scripted);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const pause = (ms: number | undefined): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms ?? 0));

async function answer(res: import('node:http').ServerResponse, scripted: ScriptedResponse): Promise<void> {
  if (scripted.headersDelayMs !== undefined) await pause(scripted.headersDelayMs);
  if (res.destroyed) return;
  res.writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers });
  if (scripted.bodyDelayMs !== undefined) {
    res.flushHeaders();
    await pause(scripted.bodyDelayMs);
    if (res.destroyed) return;
  }
  await writeSlowly(res, scripted.chunks);
}

async function writeSlowly(
  res: import('node:http').ServerResponse,
  chunks: readonly string[],
): Promise<void> {
  for (const chunk of chunks) {
    res.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

/** A responder answering as it was asked: `stream` as SSE to a streaming request, `whole` as JSON otherwise. */
export function asAsked(stream: string, whole: unknown): (request: RecordedRequest) => ScriptedResponse {
  return (request) =>
    (request.body as { stream?: boolean } | undefined)?.stream === true
      ? { headers: { 'content-type': 'text/event-stream' }, chunks: [stream] }
      : { chunks: [JSON.stringify(whole)] };
}

/** SSE framing helpers for scripted streams. */
export const sse = {
  data: (value: unknown): string => `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`,
  event: (name: string, value: Record<string, unknown>): string =>
    `event: ${name}\ndata: ${JSON.stringify({ type: name, ...value })}\n\n`,
};
