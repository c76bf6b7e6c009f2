/**
 * The egress scrub on a real server: the real model plane in front of a loopback upstream that echoes the
 * proxy's own key the way providers do, in every failure it can produce. Every sink a client or an operator
 * reads — JSON bodies and headers, SSE error events, control-plane /status, /messages and /events, the SQLite
 * files, the log — is searched for every run of the key.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, readSse, settled } from '../control-plane/testing/control-plane-server.ts';
import { createModelPlane } from '../model-plane/index.ts';
import {
  startLoopbackUpstream,
  type LoopbackUpstream,
} from '../providers/shared/testing/loopback-upstream.ts';
import { buildServer, type SwitchyardServer } from '../server/build-server.ts';
import { survivingRun } from './testing/surviving-run.ts';

/** Assembled at run time so no key-shaped literal sits in the repository. */
const CONFIG_KEY = ['sk', 'test', 'egress', 'Cf6Gh2Jk9Lm4Np7Qr3St8Uv'].join('-');
const ENV_KEY = ['sk', 'test', 'egress', 'Ev5Wx1Yz6Ab3Cd8Ef2Gh7Ij'].join('-');
const CLIENT = { id: 'egress-suite', key: ['sk', 'test', 'client', 'Kl4Mn9Op2Qr7St1Uv6Wx3Yz'].join('-') };

/** What a provider says when it dislikes the key it was sent, in the forms providers and proxies use. */
function echoes(key: string): string {
  const masked = `${key.slice(0, 11)}****…${key.slice(-4)}`;
  const bearer = Buffer.from(`Bearer ${key}`).toString('base64');
  return `Incorrect API key provided: ${key}; masked ${masked}; url ${encodeURIComponent(key)}; auth ${bearer}`;
}

function leakedRun(text: string): string | undefined {
  return [CONFIG_KEY, ENV_KEY, CLIENT.key].map((secret) => survivingRun(text, secret)).find(Boolean);
}

describe('the egress scrub on a real server: an upstream that echoes the proxy key leaks it nowhere', () => {
  let upstream: LoopbackUpstream;
  let server: SwitchyardServer;
  let url: string;
  let dataDir: string;
  const logLines: string[] = [];
  const seen: string[] = [];
  const auth = { authorization: `Bearer ${CLIENT.key}` };

  beforeAll(async () => {
    upstream = await startLoopbackUpstream();
    upstream.respond((request) => {
      const key = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
      const { model } = (request.body ?? {}) as { model?: string };
      const error = JSON.stringify({ error: { message: echoes(key), type: 'invalid_request_error' } });
      const status = /echo-(\d{3})/.exec(model ?? '')?.[1];
      if (status !== undefined) return { status: Number(status), chunks: [error] };
      // A stream that starts, then fails in-band with the key in its error.
      return {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        chunks: [
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'hi' } }] })}\n\n`,
          `data: ${error}\n\n`,
        ],
      };
    });
    dataDir = mkdtempSync(join(tmpdir(), 'sy-egress-'));
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    server = await buildServer(
      {
        server: { port: 0 },
        auth: { keys: [CLIENT] },
        logging: { level: 'debug' },
        controlPlane: { dataDir },
        modelPlane: {
          retries: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 1 },
          providers: {
            // Refused keys come back at once: each test here sees the upstream, not the previous one's cooldown.
            deepseek: { baseUrl: upstream.baseUrl, keys: [CONFIG_KEY], authCooldownMs: 1 },
            kimi: { baseUrl: upstream.baseUrl, authCooldownMs: 1 },
          },
        },
      },
      {
        createModelPlane: (config) => createModelPlane(config, { env: { KIMI_API_KEY: ENV_KEY } }),
        logDestination,
      },
    );
    url = await server.listen();
  });

  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  async function post(
    path: string,
    body: unknown,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    seen.push(
      `${response.status}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${text}`,
    );
    return { status: response.status, headers: response.headers, text };
  }

  const chat = (model: string, stream = false) =>
    post('/v1/chat/completions', { model, stream, messages: [{ role: 'user', content: 'hi' }] });

  it('answers an upstream 401/403 as its own final 502 in every dialect, without the upstream text', async () => {
    for (const model of ['deepseek/deepseek-echo-401', 'deepseek/deepseek-echo-403', 'kimi/kimi-echo-401']) {
      const reply = await chat(model);
      expect(reply.status).toBe(502);
      expect(reply.headers.get('x-should-retry')).toBe('false');
      expect(JSON.parse(reply.text)).toMatchObject({ error: { code: 'upstream_authentication_failed' } });
      expect(reply.text).not.toContain('Incorrect API key');
      expect(reply.text).toMatch(/providers\.(deepseek|kimi)\.keys/);
    }
    const messages = await post('/v1/messages', {
      model: 'deepseek/deepseek-echo-401',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(messages.status).toBe(502);
    expect(JSON.parse(messages.text)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('scrubs echoed keys from 4xx/5xx answers, SSE error events and every dialect', async () => {
    for (const model of ['deepseek/deepseek-echo-400', 'deepseek/deepseek-echo-500', 'kimi/kimi-echo-500']) {
      const reply = await chat(model);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.text).toContain('[REDACTED]');
    }
    const streamed = await chat('deepseek/deepseek-stream', true);
    expect(streamed.text).toContain('hi');
    expect(streamed.text).toContain('[REDACTED]');
    await post('/v1/responses', { model: 'kimi/kimi-stream', input: 'hi', stream: true });
    await post('/v1/messages', {
      model: 'deepseek/deepseek-echo-500',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  it('keeps the keys out of control-plane answers, its events and the SQLite files', async () => {
    const posted = await postJson(
      `${url}/message`,
      { message: 'hi', model: 'deepseek/deepseek-echo-500' },
      auth,
    );
    const sessionId = posted.body['session_id'] as string;
    const status = await settled(url, sessionId, auth);
    expect(status).toMatchObject({ status: 'failed', last_error: expect.stringContaining('[REDACTED]') });
    seen.push(JSON.stringify(status));
    seen.push(JSON.stringify((await getJson(`${url}/messages?session_id=${sessionId}`, auth)).body));
    const events = await readSse(`${url}/events?session_id=${sessionId}&since=0`, auth, (frames) =>
      frames.some((frame) => frame.data?.includes('[REDACTED]') === true),
    );
    expect(events.frames.length).toBeGreaterThan(0);
    seen.push(JSON.stringify(events.frames));
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) seen.push(readFileSync(join(file.parentPath, file.name)).toString('latin1'));
    }
  });

  it('found no run of any key in any answer, event, stored byte or log line', () => {
    expect(seen.length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(10);
    for (const text of [...seen, ...logLines]) expect(leakedRun(text)).toBeUndefined();
    // The upstream really did receive the keys it echoed (the test is not vacuous).
    const sent = upstream.requests.map((request) => String(request.headers.authorization));
    expect(sent).toContain(`Bearer ${CONFIG_KEY}`);
    expect(sent).toContain(`Bearer ${ENV_KEY}`);
  });
});
