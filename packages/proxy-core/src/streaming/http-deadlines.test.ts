import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlaneServer, withFast, type PlaneServer } from '../model-plane/testing/plane-server.ts';
import { at, jsonData, postSse } from '../model-plane/testing/sse.ts';
import { ScriptedProvider, START, TEXT } from './testing-providers.ts';

let server: PlaneServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = (model: string, stream = true) => ({
  model,
  stream,
  messages: [{ role: 'user', content: 'hello' }],
});

describe('deadlines, heartbeats and disconnects over HTTP', () => {
  it('answers a streamed request whose first token is late with 504 first_token_timeout before any byte (per-provider override)', async () => {
    server = await startPlaneServer(
      withFast({
        deadlines: { overrides: { mock: { firstTokenTimeoutMs: 30 } } },
        providers: { mock: { slowFirstTokenMs: 10_000 } },
      }),
    );
    // The opening events are held until content, so the failure is still an HTTP status a client can act on.
    const res = await request(server.url)
      .post('/v1/chat/completions')
      .send(chat('mock-slow-first-token'))
      .expect(504);
    expect(at(res.body, 'error', 'code')).toBe('first_token_timeout');
    expect(server.observations.at(-1)).toMatchObject({ success: false, status: 504 });
    expect(server.observations.at(-1)?.ttftMs).toBeUndefined();
  });

  it('answers a non-streamed request that stalls with 504 stream_idle_timeout', async () => {
    server = await startPlaneServer(
      withFast({ deadlines: { idleTimeoutMs: 30 }, providers: { mock: { stallMs: 10_000 } } }),
    );
    const res = await request(server.url)
      .post('/v1/chat/completions')
      .send(chat('mock-stall', false))
      .expect(504);
    expect(at(res.body, 'error', 'code')).toBe('stream_idle_timeout');
  });

  it('sends SSE comment heartbeats while the upstream is idle', async () => {
    server = await startPlaneServer(
      withFast({ heartbeatIntervalMs: 5, providers: { mock: { stallMs: 60 } } }),
    );
    const { frames } = await postSse(`${server.url}/v1/chat/completions`, chat('mock-stall'));
    expect(frames.some((frame) => frame.comment === 'keep-alive')).toBe(true);
    expect(frames.at(-1)?.data).toBe('[DONE]');
  });

  it('sends no heartbeat at all when heartbeatIntervalMs is 0, however long the upstream is idle', async () => {
    server = await startPlaneServer(
      withFast({ heartbeatIntervalMs: 0, providers: { mock: { stallMs: 60 } } }),
    );
    const { frames } = await postSse(`${server.url}/v1/chat/completions`, chat('mock-stall'));
    expect(frames.some((frame) => frame.comment !== undefined)).toBe(false);
    expect(frames.at(-1)?.data).toBe('[DONE]');
  });

  it('uses Anthropic ping events as heartbeats on /v1/messages', async () => {
    server = await startPlaneServer(
      withFast({ heartbeatIntervalMs: 5, providers: { mock: { stallMs: 60 } } }),
    );
    const { frames } = await postSse(`${server.url}/v1/messages`, { ...chat('mock-stall'), max_tokens: 50 });
    expect(frames.filter((frame) => frame.event === 'ping').length).toBeGreaterThan(1);
    expect(frames.at(-1)?.event).toBe('message_stop');
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, 'hang']);
    server = await startPlaneServer(withFast(), { providers: [provider] });
    const client = new AbortController();
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat('scripted/scripted')),
      signal: client.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    expect(provider.abortedAt).toBeUndefined();
    client.abort();
    await expect.poll(() => provider.abortedAt, { timeout: 1000, interval: 5 }).toBeDefined();
    await expect
      .poll(() => server?.observations.at(-1))
      .toMatchObject({ provider: 'scripted', success: false });
  });

  it('passes execution metadata to the provider', async () => {
    const provider = new ScriptedProvider('scripted', () => [
      START,
      { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 0 } },
    ]);
    server = await startPlaneServer(withFast(), { providers: [provider] });
    await request(server.url)
      .post('/v1/chat/completions')
      .set('idempotency-key', 'idem-1')
      .set('x-session-id', 'sess-1')
      .send(chat('scripted', false))
      .expect(200);
    expect(provider.calls[0]).toMatchObject({
      idempotencyKey: 'idem-1',
      sessionId: 'sess-1',
      principal: 'test-principal',
      requestedModel: 'scripted',
      attempt: 1,
    });
  });

  it('aborts in-flight calls on shutdown', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, 'hang']);
    server = await startPlaneServer(withFast(), { providers: [provider] });
    const pending = postSse(`${server.url}/v1/chat/completions`, chat('scripted'));
    await expect.poll(() => provider.calls.length).toBe(1);
    await server.plane.close();
    const { frames } = await pending;
    expect(jsonData(frames).at(-1)).toMatchObject({ error: { code: 'server_shutting_down' } });
  });
});
