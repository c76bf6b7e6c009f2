import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { ProviderError } from '../provider-error.ts';
import { openAiErrorDetail } from './chat-completions/errors.ts';
import { ChatStreamDecoder } from './chat-completions/decode-stream.ts';
import { decodeChatResponse } from './chat-completions/decode-response.ts';
import { callUpstream, type UpstreamExchange } from './http-call.ts';
import { KeyPool } from './key-pool.ts';
import { startLoopbackUpstream, type LoopbackUpstream } from './testing/loopback-upstream.ts';
import { providerErrorFrom } from './upstream-error.ts';

let upstream: LoopbackUpstream;
beforeAll(async () => {
  upstream = await startLoopbackUpstream();
});
afterAll(async () => {
  await upstream.close();
});

function exchange(keys: string[], now = () => 0): UpstreamExchange {
  const pool = new KeyPool({
    provider: 'openai',
    keys,
    rateLimitCooldownMs: 1000,
    authCooldownMs: 60_000,
    fixHint: 'set OPENAI_API_KEY',
    now,
  });
  return {
    provider: 'openai',
    keys: pool,
    streamed: false,
    request: (key) => ({
      url: `${upstream.baseUrl}/v1/chat/completions`,
      headers: { authorization: `Bearer ${key ?? ''}` },
      body: { x: 1 },
    }),
    decodeResponse: (json) => decodeChatResponse('openai', json),
    streamDecoder: () => new ChatStreamDecoder('openai'),
    mapError: (failure) =>
      providerErrorFrom('openai', failure, openAiErrorDetail(failure.bodyText), 'set OPENAI_API_KEY'),
  };
}

async function run(call: UpstreamExchange, signal = new AbortController().signal): Promise<StreamPart[]> {
  const events: StreamPart[] = [];
  for await (const event of callUpstream(call, signal)) events.push(event);
  return events;
}

const OK = JSON.stringify({
  choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1 },
});
const errorBody = (message: string, code: string): string =>
  JSON.stringify({ error: { message, type: 'x', code } });

describe('callUpstream error mapping', () => {
  it.each([
    [400, {}, 'invalid_request_error', undefined],
    [404, {}, 'model_not_found', undefined],
    [429, { 'retry-after': '7' }, 'rate_limit_exceeded', 7000],
    [500, {}, 'server_error', undefined],
    [503, { 'retry-after-ms': '250' }, 'overloaded', 250],
    [529, { 'retry-after': '2' }, 'overloaded_error', 2000],
  ])(
    'keeps status %i, the upstream code and the retry-after hint',
    async (status, headers, code, retryAfterMs) => {
      upstream.respond(() => ({ status, headers, chunks: [errorBody('boom', code)] }));
      const error = await run(exchange(['k1'])).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        status,
        code,
        retryAfterMs,
        message: 'openai upstream error ' + String(status) + ': boom',
      });
    },
  );

  it.each([401, 403])(
    'on %i answers in its own words: a final 502 that says how to fix the proxy key, never the upstream text',
    async (status) => {
      upstream.respond(() => ({
        status,
        chunks: [errorBody('Incorrect API key provided: k1-echoed', 'invalid_api_key')],
      }));
      const error = (await run(exchange(['k1'])).catch((e: unknown) => e)) as ProviderError;
      expect(error).toMatchObject({
        status: 502,
        code: 'upstream_authentication_failed',
        retryable: false,
        message: expect.stringContaining('set OPENAI_API_KEY'),
      });
      expect(error.message).not.toContain('k1-echoed');
      expect(error.toSpec()).toMatchObject({ status: 502, retryable: false });
    },
  );

  it('rotates to the next key inside one attempt after 401 and 429, and cools the failed keys', async () => {
    upstream.requests.length = 0;
    upstream.respond((request) => {
      const auth = request.headers.authorization;
      if (auth === 'Bearer k1') return { status: 401, chunks: [errorBody('bad', 'invalid_api_key')] };
      if (auth === 'Bearer k2')
        return { status: 429, chunks: [errorBody('slow down', 'rate_limit_exceeded')] };
      return { chunks: [OK] };
    });
    const call = exchange(['k1', 'k2', 'k3']);
    expect((await run(call)).find((event) => event.type === 'text-delta')).toMatchObject({
      type: 'text-delta',
      delta: 'ok',
    });
    expect(upstream.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer k1',
      'Bearer k2',
      'Bearer k3',
    ]);
    upstream.requests.length = 0;
    await run(call);
    expect(upstream.requests.map((request) => request.headers.authorization)).toEqual(['Bearer k3']);
  });

  it('maps an unreachable upstream to 502 upstream_unreachable', async () => {
    const call = {
      ...exchange(['k']),
      request: () => ({ url: 'http://127.0.0.1:1/x', headers: {}, body: {} }),
    };
    await expect(run(call)).rejects.toMatchObject({
      status: 502,
      code: 'upstream_unreachable',
      message: expect.stringMatching(
        /: connection refused \(ECONNREFUSED\): connect ECONNREFUSED 127\.0\.0\.1:1$/,
      ),
    });
  });

  it('rethrows the abort reason when the caller aborts', async () => {
    upstream.respond(() => ({ chunks: [OK] }));
    const controller = new AbortController();
    const reason = new Error('client gone');
    controller.abort(reason);
    await expect(run(exchange(['k']), controller.signal)).rejects.toBe(reason);
  });

  it('turns a non-streamed body cut mid-way into a retryable 502, so it is retried and failed over (S08 JSON)', async () => {
    const cutting = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write(OK.slice(0, 20));
      setTimeout(() => response.socket?.destroy(), 10);
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    const { port } = cutting.address() as AddressInfo;
    try {
      const call = {
        ...exchange(['k']),
        request: () => ({ url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: {}, body: {} }),
      };
      const error = await run(call).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ status: 502, code: 'upstream_body_cut', retryable: true });
    } finally {
      cutting.closeAllConnections();
      await new Promise<void>((resolve) => cutting.close(() => resolve()));
    }
  });
});
