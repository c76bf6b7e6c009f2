import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../server/build-server.ts';
import { createFakeModelPlane } from '../server/testing/fake-model-plane.ts';
import {
  getJson,
  postJson,
  settled,
  startControlPlaneServer,
  type ControlPlaneTestServer,
} from './testing/control-plane-server.ts';

let running: ControlPlaneTestServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

async function start(...args: Parameters<typeof startControlPlaneServer>): Promise<ControlPlaneTestServer> {
  const server = await startControlPlaneServer(...args);
  running.push(server);
  return server;
}

describe('POST /message', () => {
  it('answers 202 at once, runs a model turn and stores the reply after the user message', async () => {
    const { url, plane } = await start();
    const posted = await postJson(`${url}/message`, { message: '  hello  ' });
    expect(posted.status).toBe(202);
    const sessionId = posted.body['session_id'] as string;
    expect(sessionId).toMatch(/^cp_/);
    expect(posted.body).toMatchObject({
      message_id: expect.stringMatching(/^msg_/),
      turn_id: expect.stringMatching(/^turn_/),
      status: 'running',
      message_count: 1,
      resumed: false,
      events_url: `/events?session_id=${sessionId}`,
    });
    for (const field of ['received_at', 'created_at', 'updated_at']) {
      expect(new Date(posted.body[field] as string).toISOString()).toBe(posted.body[field]);
    }

    expect(await settled(url, sessionId)).toMatchObject({
      status: 'idle',
      message_count: 2,
      last_error: null,
    });
    const { body } = await getJson(`${url}/messages?session_id=${sessionId}`);
    const messages = body['messages'] as { role: string; content: string; seq: number; message_id: string }[];
    expect(messages.map((message) => [message.seq, message.role, message.content])).toEqual([
      [1, 'user', 'hello'],
      [2, 'assistant', 'echo(1): hello'],
    ]);
    expect(messages[0]?.message_id).toBe(posted.body['message_id']);
    expect(plane.turns.map((turn) => turn.model)).toEqual(['mock']);
  });

  it('sends the whole conversation on later turns and keeps the session model fixed', async () => {
    const { url, plane } = await start();
    const first = await postJson(`${url}/message`, { message: 'one', model: 'mock-large' });
    const sessionId = first.body['session_id'] as string;
    await settled(url, sessionId);
    await postJson(`${url}/message`, { session_id: sessionId, message: 'two', model: 'ignored' });
    await settled(url, sessionId);
    expect(plane.turns[1]?.model).toBe('mock-large');
    expect(plane.turns[1]?.messages.map((message) => message.text)).toEqual(['one', 'echo(1): one', 'two']);
    expect((await getJson(`${url}/status?session_id=${sessionId}`)).body).toMatchObject({
      model: 'mock-large',
      message_count: 4,
    });
  });

  it('uses a client-chosen session id and refuses a second message while a turn runs (409)', async () => {
    const { url, plane } = await start();
    let release = (): void => undefined;
    plane.turnGate = new Promise((resolve) => (release = resolve));
    const first = await postJson(`${url}/message`, { session_id: ' my-session ', message: 'a' });
    expect(first.body['session_id']).toBe('my-session');
    const second = await postJson(`${url}/message`, { session_id: 'my-session', message: 'b' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'turn_in_progress', type: 'invalid_request_error' } });
    release();
    await settled(url, 'my-session');
  });

  it('records a failed turn on the session with its error', async () => {
    const { url } = await start();
    const posted = await postJson(`${url}/message`, { message: 'x', model: 'fail' });
    const status = await settled(url, posted.body['session_id'] as string);
    expect(status).toMatchObject({
      status: 'failed',
      message_count: 1,
      last_error: 'the fake upstream failed',
    });
  });

  it.each([
    ['neither message nor capability', { session_id: 's' }, 400, 'invalid_message_payload'],
    ['a blank message without capability', { message: '   ' }, 400, 'invalid_message_payload'],
    ['a non-string message', { message: 42 }, 400, 'invalid_message_payload'],
    ['an array body', [], 400, 'invalid_message_payload'],
    ['an unsupported capability', { message: 'x', capability: ' Pause ' }, 501, 'unsupported_capability'],
  ])('refuses %s in the OpenAI error shape', async (_name, body, status, code) => {
    const { url } = await start();
    const posted = await postJson(`${url}/message`, body);
    expect(posted.status).toBe(status);
    const error = posted.body['error'] as Record<string, unknown>;
    expect(Object.keys(posted.body)).toEqual(['error']);
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(error).toMatchObject({ type: 'invalid_request_error', code });
  });

  it('lists the supported labels in the 501', async () => {
    const { url } = await start();
    const posted = await postJson(`${url}/message`, { message: 'x', capability: 'pause' });
    expect((posted.body['error'] as { message: string }).message).toBe(
      'Unsupported capability "pause". Use capability labels continue, resume, ask, exec, or max.',
    );
  });
});

describe('resume', () => {
  it('finishes an interrupted turn from the stored history without re-running completed turns', async () => {
    const { url, plane, store } = await start();
    const first = await postJson(`${url}/message`, { message: 'done already' });
    const sessionId = first.body['session_id'] as string;
    await settled(url, sessionId);
    // A turn this process never ran: exactly what a crash between append and completion leaves behind.
    const orphan = await store.appendUserMessage({ sessionId, content: 'cut off', capability: '' });
    expect((await getJson(`${url}/status?session_id=${sessionId}`)).body).toMatchObject({
      status: 'running',
      resumable_turn_id: orphan.turn.id,
    });
    const blocked = await postJson(`${url}/message`, { session_id: sessionId, message: 'new' });
    expect(blocked.body).toMatchObject({ error: { code: 'turn_in_progress' } });
    const withMessage = await postJson(`${url}/message`, {
      session_id: sessionId,
      message: 'new',
      capability: 'resume',
    });
    expect(withMessage.status).toBe(409);

    const resumed = await postJson(`${url}/message`, { session_id: sessionId, capability: ' RESUME ' });
    expect(resumed.status).toBe(202);
    expect(resumed.body).toMatchObject({
      resumed: true,
      message_id: orphan.message.id,
      turn_id: orphan.turn.id,
    });
    expect(await settled(url, sessionId)).toMatchObject({
      status: 'idle',
      resumable_turn_id: null,
      message_count: 4,
    });

    expect(plane.turns).toHaveLength(2);
    expect(plane.turns[1]?.messages.map((message) => message.text)).toEqual([
      'done already',
      'echo(1): done already',
      'cut off',
    ]);
    const again = await postJson(`${url}/message`, { session_id: sessionId, capability: 'resume' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'nothing_to_resume' } } });
  });

  it('answers 404 for resuming an unknown session', async () => {
    const { url } = await start();
    const posted = await postJson(`${url}/message`, { session_id: 'nope', capability: 'resume' });
    expect(posted).toMatchObject({ status: 404, body: { error: { code: 'session_not_found' } } });
  });

  it('leaves a turn interrupted by shutdown resumable after a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-cp-'));
    const config = { controlPlane: { dataDir } };
    const plane = createFakeModelPlane();
    plane.turnGate = new Promise(() => undefined); // never answers: the turn is in flight at shutdown
    const first = await startControlPlaneServer(config, openSqliteStore, plane);
    const posted = await postJson(`${first.url}/message`, { message: 'survive me' });
    const sessionId = posted.body['session_id'] as string;
    await first.close();

    const second = await start(config, openSqliteStore);
    const status = (await getJson(`${second.url}/status?session_id=${sessionId}`)).body;
    expect(status).toMatchObject({ status: 'running', resumable_turn_id: posted.body['turn_id'] });
    await postJson(`${second.url}/message`, { session_id: sessionId, capability: 'resume' });
    expect(await settled(second.url, sessionId)).toMatchObject({ status: 'idle', message_count: 2 });
  });

  it.each([
    ['resume', 'idle', 2],
    ['fail', 'failed', 1],
  ] as const)('applies interruptedTurns: %s at startup', async (policy, expected, count) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-cp-'));
    const seeded = openSqliteStore({
      dataDir,
      eventRetention: { maxEventsPerSession: 100, maxEventAgeMs: 60_000 },
    });
    await seeded.appendUserMessage({ sessionId: 'crashed', content: 'hi', capability: '' });
    await seeded.close();
    const { url } = await start({ controlPlane: { dataDir, interruptedTurns: policy } }, openSqliteStore);
    expect(await settled(url, 'crashed')).toMatchObject({ status: expected, message_count: count });
  });
});

describe('GET /messages and /status', () => {
  it.each(['/messages', '/status', '/events'])(
    '%s: 400 without session_id, 404 when unknown',
    async (path) => {
      const { url } = await start();
      const missing = await getJson(`${url}${path}`);
      expect(missing).toMatchObject({
        status: 400,
        body: { error: { code: 'missing_session_id', param: 'session_id', type: 'invalid_request_error' } },
      });
      expect((await getJson(`${url}${path}?session_id=%20`)).status).toBe(400);
      const unknown = await getJson(`${url}${path}?session_id=ghost`);
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'session_not_found' } } });
    },
  );

  it('returns a fresh copy of the messages each time', async () => {
    const { url } = await start();
    const posted = await postJson(`${url}/message`, { message: 'm' });
    const sessionId = posted.body['session_id'] as string;
    await settled(url, sessionId);
    const first = (await getJson(`${url}/messages?session_id=${sessionId}`)).body;
    (first['messages'] as { content: string }[]).forEach((message) => (message.content = 'tampered'));
    const second = (await getJson(`${url}/messages?session_id=${sessionId}`)).body;
    expect((second['messages'] as { content: string }[]).map((message) => message.content)).toEqual([
      'm',
      'echo(1): m',
    ]);
  });
});
