import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROVIDERS, PROVIDER_IDS, isProviderId, type ProviderId } from './providers.ts';
import { createRequestRecorder, type RecordedRequest } from './recorder.ts';
import { toFixtureRequest } from './request.ts';
import { respond } from './respond.ts';
import { UpstreamConnectionReset, type FixtureResponse } from './response.ts';

export interface MockUpstreamOptions {
  /** Loopback only by default: the mock must never be reachable from elsewhere. */
  readonly host?: string;
  /** 0 (the default) lets the kernel pick a free port. */
  readonly port?: number;
  /** Pause between streamed chunks; a request's `x-switchyard-chunk-delay-ms` still overrides it. */
  readonly chunkDelayMs?: number;
}

export interface MockUpstream {
  /** e.g. `http://127.0.0.1:41234`; each provider lives under `/<provider>` plus its real base path. */
  readonly url: string;
  /** The base URL to configure per provider, e.g. qwen → `http://127.0.0.1:41234/qwen/compatible-mode/v1`. */
  readonly baseUrls: Readonly<Record<ProviderId, string>>;
  /** Provider requests received so far (unknown paths are not recorded), oldest first. */
  requests(provider?: ProviderId): readonly RecordedRequest[];
  clearRequests(): void;
  /** Streams still being written: lets chaos/e2e tests prove the proxy hung up upstream when its client left. */
  openStreams(): number;
  /** Stops listening and drops open connections, streams included. */
  close(): Promise<void>;
}

export function mockUpstreamBaseUrl(serverUrl: string, provider: ProviderId): string {
  return `${serverUrl}/${provider}${PROVIDERS[provider].basePath}`;
}

/**
 * A real loopback HTTP server answering every provider's endpoints from `respond`, for chaos (behind
 * toxiproxy), perf and e2e runs where MSW cannot reach (another process, k6).
 */
export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const recorder = createRequestRecorder();
  let openStreams = 0;
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const bodyText = await readBody(request);
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    if (request.method === 'GET' && url.pathname === '/health')
      return sendJson(response, 200, { status: 'ok' });
    const [, prefix = '', ...rest] = url.pathname.split('/');
    if (!isProviderId(prefix)) {
      return sendJson(response, 404, { error: { message: `No mock upstream provider at ${url.pathname}` } });
    }
    const fixtureRequest = toFixtureRequest({
      method: request.method ?? 'GET',
      url: url.href,
      headers: request.headers,
      bodyText,
    });
    recorder.record(prefix, fixtureRequest);
    // `respond` routes on the provider's real path, so the `/<provider>` prefix is removed for it.
    const upstreamUrl = new URL(url);
    upstreamUrl.pathname = `/${rest.join('/')}`;
    const clientGone = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) clientGone.abort();
    });
    const answer = respond(
      prefix,
      { ...fixtureRequest, url: upstreamUrl.href },
      {
        signal: clientGone.signal,
        ...(options.chunkDelayMs === undefined ? {} : { chunkDelayMs: options.chunkDelayMs }),
      },
    );
    if (typeof answer.body === 'string') {
      response.writeHead(answer.status, answer.headers).end(answer.body);
      return;
    }
    openStreams += 1;
    try {
      await stream(response, answer, answer.body, clientGone.signal);
    } finally {
      openStreams -= 1;
    }
  }

  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const baseUrls = Object.fromEntries(PROVIDER_IDS.map((id) => [id, mockUpstreamBaseUrl(url, id)])) as Record<
    ProviderId,
    string
  >;

  return {
    url,
    baseUrls,
    requests: (provider) => recorder.requests(provider),
    clearRequests: () => recorder.clear(),
    openStreams: () => openStreams,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Writes each chunk as it comes (headers flushed first), respecting backpressure and disconnects. */
async function stream(
  response: ServerResponse,
  answer: FixtureResponse,
  body: AsyncIterable<string>,
  clientGone: AbortSignal,
): Promise<void> {
  response.writeHead(answer.status, answer.headers);
  response.flushHeaders();
  let lastWriteFlushed = Promise.resolve();
  try {
    for await (const chunk of body) {
      if (clientGone.aborted) return;
      let accepted = true;
      lastWriteFlushed = new Promise((resolve) => {
        accepted = response.write(chunk, () => resolve());
      });
      if (!accepted) await once(response, 'drain', { signal: clientGone });
    }
    if (!clientGone.aborted) response.end();
  } catch (error) {
    if (error instanceof UpstreamConnectionReset) {
      // Let the frames already written reach the client first, so the cut lands where the scenario says.
      await lastWriteFlushed;
      response.destroy();
    } else if (clientGone.aborted) {
      response.destroy();
    } else {
      throw error;
    }
  }
}
