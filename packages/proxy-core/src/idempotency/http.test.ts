import { afterEach, describe, expect, it } from 'vitest';
import {
  postJson,
  settled,
  startControlPlaneServer,
  type ControlPlaneTestServer,
} from '../control-plane/testing/control-plane-server.ts';
import { ALICE, BOB, withKeys } from '../server/testing/test-servers.ts';
import { IdempotencyEngine } from './idempotency-engine.ts';
import { requestFingerprint } from './fingerprint.ts';
import { ANONYMOUS_PRINCIPAL } from './http.ts';
import { idempotencyScope } from './idempotency-key.ts';

let running: ControlPlaneTestServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

async function start(config = {}): Promise<ControlPlaneTestServer> {
  const server = await startControlPlaneServer(config);
  running.push(server);
  return server;
}

const key = (value: string): Record<string, string> => ({ 'idempotency-key': value });

/** A settled session with one finished turn: a client names only sessions that exist. */
async function openSession(url: string): Promise<string> {
  const opened = await postJson(`${url}/message`, { message: 'open' });
  const sessionId = opened.body['session_id'] as string;
  await settled(url, sessionId);
  return sessionId;
}

describe('Idempotency-Key on POST /message', () => {
  it('replays the stored 202 (same ids, marked replayed) and stores the message once', async () => {
    const { url, store, plane } = await start();
    const s1 = await openSession(url);
    const body = { session_id: s1, message: 'once' };
    const first = await postJson(`${url}/message`, body, key('k-1'));
    const second = await postJson(`${url}/message`, body, key('"k-1"'));
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    await settled(url, s1);
    const users = (await store.listMessages(s1)).filter((message) => message.role === 'user');
    expect(users.map((message) => message.content)).toEqual(['open', 'once']);
    expect(plane.turns).toHaveLength(2);
  });

  it('50 concurrent requests with one key: exactly one execution and one stored message', async () => {
    const { url, store, plane } = await start();
    const race = await openSession(url);
    const body = { session_id: race, message: 'only one' };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => postJson(`${url}/message`, body, key('race-key'))),
    );
    const executed = results.filter(
      (result) => result.status === 202 && !result.headers.has('idempotent-replayed'),
    );
    expect(executed).toHaveLength(1);
    for (const result of results) {
      if (result.status === 409)
        expect(result.body).toMatchObject({ error: { code: 'idempotency_key_in_flight' } });
      else expect(result.body['message_id']).toBe(executed[0]?.body['message_id']);
    }
    await settled(url, race);
    expect(await store.listMessages(race)).toHaveLength(4);
    expect(plane.turns).toHaveLength(2);
  });

  it('treats different keys with the same payload as different requests: two distinct messages', async () => {
    const { url, store, plane } = await start();
    const twice = await openSession(url);
    const body = { session_id: twice, message: 'same words' };
    const first = await postJson(`${url}/message`, body, key('k-first'));
    expect(first.status).toBe(202);
    await settled(url, twice);
    const second = await postJson(`${url}/message`, body, key('k-second'));
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body['message_id']).not.toBe(first.body['message_id']);
    await settled(url, twice);
    const users = (await store.listMessages(twice)).filter((message) => message.role === 'user');
    expect(users.map((message) => message.content)).toEqual(['open', 'same words', 'same words']);
    expect(plane.turns).toHaveLength(3);
  });

  it('answers 422 for the same key with another payload, and 400 for a malformed key', async () => {
    const { url } = await start();
    await postJson(`${url}/message`, { message: 'a' }, key('k-2'));
    const mismatch = await postJson(`${url}/message`, { message: 'b' }, key('k-2'));
    expect(mismatch).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
    const tooLong = await postJson(`${url}/message`, { message: 'a' }, key('x'.repeat(256)));
    expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'invalid_idempotency_key' } } });
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const { url, store } = await start();
    const body = { message: 'slow' };
    const scope = idempotencyScope({ principal: ANONYMOUS_PRINCIPAL, route: 'POST /message', key: 'k-3' });
    const holder = await new IdempotencyEngine(store).begin(scope, requestFingerprint(body));
    expect(holder.kind).toBe('execute');
    const conflict = await postJson(`${url}/message`, body, key('k-3'));
    expect(conflict).toMatchObject({ status: 409, body: { error: { code: 'idempotency_key_in_flight' } } });
  });

  it('releases the key when the outcome is retryable (409 turn_in_progress), so a retry executes', async () => {
    const { url, plane } = await start();
    let release = (): void => undefined;
    plane.turnGate = new Promise((resolve) => (release = resolve));
    const busy = (await postJson(`${url}/message`, { message: 'first' })).body['session_id'] as string;
    const refused = await postJson(`${url}/message`, { session_id: busy, message: 'second' }, key('k-4'));
    expect(refused.status).toBe(409);
    release();
    await settled(url, busy);
    plane.turnGate = undefined;
    const retried = await postJson(`${url}/message`, { session_id: busy, message: 'second' }, key('k-4'));
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('Idempotency-Key on the model routes', () => {
  it('replays a non-streaming chat completion without calling the handler again', async () => {
    const { url, plane } = await start();
    const body = { model: 'mock', messages: [] };
    const first = await postJson(`${url}/v1/chat/completions`, body, key('c-1'));
    const second = await postJson(`${url}/v1/chat/completions`, body, key('c-1'));
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toContain('application/json');
    expect(plane.principalsSeen).toHaveLength(1);
  });

  it('scopes keys by principal and by route', async () => {
    const { url, plane } = await start(withKeys);
    const body = { model: 'mock', messages: [] };
    await postJson(`${url}/v1/chat/completions`, body, {
      ...key('shared'),
      authorization: `Bearer ${ALICE.key}`,
    });
    const bob = await postJson(`${url}/v1/chat/completions`, body, {
      ...key('shared'),
      authorization: `Bearer ${BOB.key}`,
    });
    expect(bob.headers.get('idempotent-replayed')).toBeNull();
    expect(plane.principalsSeen).toEqual(['alice', 'bob']);
    const otherRoute = await postJson(
      `${url}/message`,
      { message: 'x' },
      { ...key('shared'), authorization: `Bearer ${ALICE.key}` },
    );
    expect(otherRoute.status).toBe(202);
  });

  it('ignores the key on streaming requests (an SSE stream is not replayable)', async () => {
    const { url, plane } = await start();
    const body = { model: 'mock', messages: [], stream: true };
    await postJson(`${url}/v1/chat/completions`, body, key('s-1'));
    const again = await postJson(`${url}/v1/chat/completions`, body, key('s-1'));
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(plane.principalsSeen).toHaveLength(2);
  });

  it('does not store a 429: the retry runs again', async () => {
    const { url } = await start();
    const first = await postJson(`${url}/v1/responses`, { model: 'mock', input: 'x' }, key('r-1'));
    const second = await postJson(`${url}/v1/responses`, { model: 'mock', input: 'x' }, key('r-1'));
    expect([first.status, second.status]).toEqual([429, 429]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
  });

  it('renders idempotency errors in the Anthropic shape on /v1/messages', async () => {
    const { url } = await start();
    await postJson(`${url}/v1/messages`, { model: 'mock', max_tokens: 1, messages: [] }, key('a-1'));
    const mismatch = await postJson(
      `${url}/v1/messages`,
      { model: 'mock', max_tokens: 2, messages: [] },
      key('a-1'),
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.any(String) },
      request_id: null,
    });
  });
});
