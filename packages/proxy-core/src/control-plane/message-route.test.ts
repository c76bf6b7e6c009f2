import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../server/build-server.ts';
import { createFakeModelPlane } from '../server/testing/fake-model-plane.ts';
import {
  deleteJson,
  getJson,
  postJson,
  settled,
  startControlPlaneServer,
  type ControlPlaneTestServer,
} from './testing/control-plane-server.ts';
import { ENDED_TURN_ERROR } from './turn-runner.ts';

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

  it('refuses a second message while a turn runs (409), naming the session by its trimmed id', async () => {
    const { url, plane } = await start();
    let release = (): void => undefined;
    plane.turnGate = new Promise((resolve) => (release = resolve));
    const first = await postJson(`${url}/message`, { message: 'a' });
    const sessionId = first.body['session_id'] as string;
    const second = await postJson(`${url}/message`, { session_id: ` ${sessionId} `, message: 'b' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'turn_in_progress', type: 'invalid_request_error' } });
    release();
    await settled(url, sessionId);
  });

  it('answers 404 session_not_found for an unknown session_id and creates nothing (no client-chosen ids)', async () => {
    const { url, plane, store } = await start();
    const posted = await postJson(`${url}/message`, { session_id: 'my-session', message: 'a' });
    expect(posted.status).toBe(404);
    expect(posted.body).toEqual(notFound('my-session'));
    expect(await store.getSession('my-session')).toBeUndefined();
    expect((await getJson(`${url}/status?session_id=my-session`)).status).toBe(404);
    expect(plane.turns).toEqual([]);
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
    // Stored as running, but nothing runs it: /status says so until a resume runs it again.
    expect((await getJson(`${url}/status?session_id=${sessionId}`)).body).toMatchObject({
      status: 'interrupted',
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

    // What the interrupted attempt had streamed before the crash stays in the log.
    await store.appendEvent(sessionId, 'delta', {
      session_id: sessionId,
      turn_id: orphan.turn.id,
      text: 'stale ',
    });
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
    // A turn event marks the restart; the deltas after the turn's last marker rebuild the stored reply.
    const { events } = await store.eventsSince(sessionId, 0);
    const ofTurn = events.filter((event) => event.data['turn_id'] === orphan.turn.id);
    const marker = ofTurn.findLastIndex((event) => event.type === 'turn' && event.data['restarted'] === true);
    expect(marker).toBeGreaterThan(-1);
    const deltas = (from: number) =>
      ofTurn
        .slice(from)
        .filter((event) => event.type === 'delta')
        .map((event) => (typeof event.data['text'] === 'string' ? event.data['text'] : '?'))
        .join('');
    const reply = (await store.listMessages(sessionId)).find(
      (message) => message.role === 'assistant' && message.turnId === orphan.turn.id,
    );
    expect(reply?.content).toBe('echo(3): cut off');
    expect(deltas(marker + 1)).toBe(reply?.content);
    expect(deltas(0)).toBe(`stale ${reply?.content ?? ''}`);
    const again = await postJson(`${url}/message`, { session_id: sessionId, capability: 'resume' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'nothing_to_resume' } } });
  });

  it('answers 404 for resuming an unknown session', async () => {
    const { url } = await start();
    const posted = await postJson(`${url}/message`, { session_id: 'nope', capability: 'resume' });
    expect(posted).toMatchObject({ status: 404, body: { error: { code: 'session_not_found' } } });
  });

  it('treats resume without a session_id but with a message as an ordinary message in a new session', async () => {
    const { url, store } = await start();
    const posted = await postJson(`${url}/message`, { capability: 'resume', message: 'fresh start' });
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ resumed: false, status: 'running', message_count: 1 });
    const sessionId = posted.body['session_id'] as string;
    expect(sessionId).toMatch(/^cp_/);
    expect(await settled(url, sessionId)).toMatchObject({ status: 'idle', message_count: 2 });
    expect(await store.getTurn(posted.body['turn_id'] as string)).toMatchObject({
      state: 'done',
      capability: 'resume',
    });
  });

  it.each([
    ['no session_id', { capability: 'resume' }],
    ['a blank session_id and a blank message', { session_id: '  ', capability: 'resume', message: ' ' }],
  ])('refuses resume with %s: 400 saying resume needs a session_id', async (_name, body) => {
    const { url, plane } = await start();
    const posted = await postJson(`${url}/message`, body);
    expect(posted.status).toBe(400);
    expect(posted.body).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'missing_session_id',
        param: 'session_id',
        message: expect.stringContaining('"resume" without a message needs a session_id') as string,
      },
    });
    expect(JSON.stringify(posted.body)).not.toMatch(/cp_/);
    expect(plane.turns).toEqual([]);
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
    expect(status).toMatchObject({ status: 'interrupted', resumable_turn_id: posted.body['turn_id'] });
    const resumed = await postJson(`${second.url}/message`, { session_id: sessionId, capability: 'resume' });
    // Running again: the resume's 202 and /status say running while the re-run is in flight or done.
    expect(resumed.body).toMatchObject({ status: 'running', resumed: true });
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

  // That a reply is a copy (mutating it changes nothing stored) is pinned where it can fail: the store
  // contract mutates what listMessages returned. Over HTTP a reply is serialised, so only order is checked.
  it('returns the user message and the reply in order', async () => {
    const { url } = await start();
    const posted = await postJson(`${url}/message`, { message: 'm' });
    const sessionId = posted.body['session_id'] as string;
    await settled(url, sessionId);
    const second = (await getJson(`${url}/messages?session_id=${sessionId}`)).body;
    expect((second['messages'] as { content: string }[]).map((message) => message.content)).toEqual([
      'm',
      'echo(1): m',
    ]);
  });
});

const KEYS = {
  auth: {
    keys: [
      { id: 'alice', key: 'alice-secret-0123456789' },
      { id: 'bob', key: 'bob-secret-0123456789ab' },
    ],
  },
};
const ALICE = { authorization: 'Bearer alice-secret-0123456789' };
const BOB = { authorization: 'Bearer bob-secret-0123456789ab' };

/** Status and body only (postJson also returns headers). */
const outcome = ({ status, body }: { status: number; body: Record<string, unknown> }) => ({ status, body });

/** Exactly what an unknown session gets: another principal's session must be indistinguishable from it. */
const notFound = (sessionId: string) => ({
  error: {
    message: `session not found: ${sessionId}`,
    type: 'invalid_request_error',
    param: 'session_id',
    code: 'session_not_found',
  },
});

describe('session ownership', () => {
  it('answers another principal’s session exactly like an unknown one on every route, and changes nothing', async () => {
    const { url, plane } = await start(KEYS);
    const posted = await postJson(`${url}/message`, { message: 'private' }, ALICE);
    const sessionId = posted.body['session_id'] as string;
    await settled(url, sessionId, ALICE);
    const q = `session_id=${sessionId}`;

    // The reference: a session that does not exist at all.
    expect(await getJson(`${url}/status?session_id=ghost`, BOB)).toEqual({
      status: 404,
      body: notFound('ghost'),
    });
    const attempts = [
      await getJson(`${url}/messages?${q}`, BOB),
      await getJson(`${url}/status?${q}`, BOB),
      await getJson(`${url}/events?${q}`, BOB),
      await deleteJson(`${url}/session?${q}`, BOB),
      await postJson(`${url}/message`, { session_id: sessionId, message: 'intrude' }, BOB),
      await postJson(`${url}/message`, { session_id: sessionId, capability: 'resume' }, BOB),
    ];
    for (const attempt of attempts) {
      expect(outcome(attempt)).toEqual({ status: 404, body: notFound(sessionId) });
    }

    expect((await getJson(`${url}/status?${q}`, ALICE)).body).toMatchObject({
      status: 'idle',
      message_count: 2,
    });
    const { body } = await getJson(`${url}/messages?${q}`, ALICE);
    expect((body['messages'] as { content: string }[]).map((message) => message.content)).toEqual([
      'private',
      'echo(1): private',
    ]);
    expect(plane.turns).toHaveLength(1);
  });

  it('refuses a message to someone else’s busy or ended session with 404, never the owner’s 409', async () => {
    const { url, plane, store } = await start(KEYS);
    let release = (): void => undefined;
    plane.turnGate = new Promise((resolve) => (release = resolve));
    const posted = await postJson(`${url}/message`, { message: 'a' }, ALICE);
    expect(posted.status).toBe(202);
    const shared = posted.body['session_id'] as string;
    const busy = await postJson(`${url}/message`, { session_id: shared, message: 'b' }, BOB);
    expect(outcome(busy)).toEqual({ status: 404, body: notFound(shared) });
    release();
    await settled(url, shared, ALICE);
    expect((await deleteJson(`${url}/session?session_id=${shared}`, ALICE)).status).toBe(200);
    const ended = await postJson(`${url}/message`, { session_id: shared, message: 'c' }, BOB);
    expect(outcome(ended)).toEqual({ status: 404, body: notFound(shared) });
    expect((await store.listMessages(shared)).map((message) => message.content)).toEqual(['a', 'echo(1): a']);
    expect(await store.getSession(shared)).toMatchObject({ owner: 'alice', status: 'ended' });
  });

  it('hides a session created without client keys from every client key', async () => {
    const { url, store } = await start(KEYS);
    await store.appendUserMessage({ sessionId: 'keyless', content: 'old', capability: '' });
    expect(await getJson(`${url}/status?session_id=keyless`, ALICE)).toEqual({
      status: 404,
      body: notFound('keyless'),
    });
    const posted = await postJson(`${url}/message`, { session_id: 'keyless', message: 'x' }, ALICE);
    expect(outcome(posted)).toEqual({ status: 404, body: notFound('keyless') });
    expect(await store.listMessages('keyless')).toHaveLength(1);
  });
});

describe('DELETE /session', () => {
  it('ends an idle session: 200 with its final state, idempotent; later messages get 409 session_ended', async () => {
    const { url, store } = await start();
    const posted = await postJson(`${url}/message`, { message: 'bye' });
    const sessionId = posted.body['session_id'] as string;
    await settled(url, sessionId);

    const ended = await deleteJson(`${url}/session?session_id=${sessionId}`);
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({
      session_id: sessionId,
      status: 'ended',
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      message_count: 2,
    });
    const { lastEventId } = await store.eventsSince(sessionId, 0);
    expect(await deleteJson(`${url}/session?session_id=${sessionId}`)).toEqual(ended);
    expect((await store.eventsSince(sessionId, 0)).lastEventId).toBe(lastEventId);

    expect((await getJson(`${url}/status?session_id=${sessionId}`)).body).toMatchObject({ status: 'ended' });
    for (const body of [
      { session_id: sessionId, message: 'more' },
      { session_id: sessionId, capability: 'resume' },
    ]) {
      expect(await postJson(`${url}/message`, body)).toMatchObject({
        status: 409,
        body: { error: { code: 'session_ended', type: 'invalid_request_error' } },
      });
    }
    expect(await store.listMessages(sessionId)).toHaveLength(2);
  });

  it('aborts a turn in flight and records it failed with the end, leaving nothing running', async () => {
    const { url, plane, store } = await start();
    plane.turnGate = new Promise(() => undefined); // never answers on its own
    const posted = await postJson(`${url}/message`, { message: 'long job' });
    const sessionId = posted.body['session_id'] as string;
    const turnId = posted.body['turn_id'] as string;
    await expect.poll(() => plane.turns.length).toBe(1);

    const ended = await deleteJson(`${url}/session?session_id=${sessionId}`);
    expect(ended).toMatchObject({ status: 200, body: { status: 'ended', message_count: 1 } });
    expect(plane.turns[0]?.signal.aborted).toBe(true);
    expect(await store.getTurn(turnId)).toMatchObject({ state: 'failed', error: ENDED_TURN_ERROR });
    expect(await store.findInterruptedTurns(sessionId)).toEqual([]);
    expect((await getJson(`${url}/status?session_id=${sessionId}`)).body).toMatchObject({
      status: 'ended',
      last_error: ENDED_TURN_ERROR,
      resumable_turn_id: null,
      message_count: 1,
    });
    const events = (await store.eventsSince(sessionId, 0)).events;
    expect(
      events.slice(-2).map((event) => [event.type, event.data['state'] ?? event.data['status']]),
    ).toEqual([
      ['turn', 'failed'],
      ['status', 'ended'],
    ]);
  });

  it('fails a turn a crash interrupted when its session is ended', async () => {
    const { url, store, plane } = await start();
    const orphan = await store.appendUserMessage({
      sessionId: 'crashed',
      content: 'cut off',
      capability: '',
    });
    const ended = await deleteJson(`${url}/session?session_id=crashed`);
    expect(ended).toMatchObject({ status: 200, body: { status: 'ended', message_count: 1 } });
    expect(await store.getTurn(orphan.turn.id)).toMatchObject({ state: 'failed', error: ENDED_TURN_ERROR });
    expect((await getJson(`${url}/status?session_id=crashed`)).body).toMatchObject({
      resumable_turn_id: null,
    });
    expect(plane.turns).toEqual([]);
  });

  it('answers 400 without session_id and 404 for an unknown session, in the OpenAI error shape', async () => {
    const { url } = await start();
    expect(await deleteJson(`${url}/session`)).toMatchObject({
      status: 400,
      body: { error: { code: 'missing_session_id', param: 'session_id', type: 'invalid_request_error' } },
    });
    expect((await deleteJson(`${url}/session?session_id=%20`)).status).toBe(400);
    expect(await deleteJson(`${url}/session?session_id=ghost`)).toEqual({
      status: 404,
      body: notFound('ghost'),
    });
  });
});
