import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteJson,
  postJson,
  readSse,
  settled,
  startControlPlaneServer,
  type ControlPlaneTestServer,
  type SseFrame,
} from './testing/control-plane-server.ts';

let running: ControlPlaneTestServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

async function sessionWithOneTurn(config = {}): Promise<ControlPlaneTestServer & { sessionId: string }> {
  const server = await startControlPlaneServer(config);
  running.push(server);
  const posted = await postJson(`${server.url}/message`, { message: 'hi' });
  const sessionId = posted.body['session_id'] as string;
  await settled(server.url, sessionId);
  return Object.assign(server, { sessionId });
}

const ids = (frames: readonly SseFrame[]): number[] =>
  frames.filter((frame) => frame.id !== undefined).map((frame) => Number(frame.id));
const isTurnDone = (frame: SseFrame): boolean =>
  frame.event === 'turn' && (JSON.parse(frame.data ?? '{}') as { state?: string }).state === 'done';

describe('GET /events', () => {
  it('replays the log with an id on every event: status, message, turn and delta', async () => {
    const { url, sessionId } = await sessionWithOneTurn();
    const { status, frames } = await readSse(`${url}/events?session_id=${sessionId}`, {}, (seen) =>
      seen.some(isTurnDone),
    );
    expect(status).toBe(200);
    const events = frames.filter((frame) => frame.comment === undefined);
    expect(events.every((frame) => frame.id !== undefined && frame.event !== undefined)).toBe(true);
    expect(ids(events)).toEqual(events.map((_frame, index) => index + 1));
    expect(new Set(events.map((frame) => frame.event))).toEqual(
      new Set(['status', 'message', 'turn', 'delta']),
    );
    const deltas = events.filter((frame) => frame.event === 'delta');
    expect(deltas.map((frame) => (JSON.parse(frame.data ?? '') as { text: string }).text).join('')).toBe(
      'echo(1): hi',
    );
  });

  it('continues after Last-Event-ID, which wins over ?since=', async () => {
    const { url, sessionId } = await sessionWithOneTurn();
    const { frames } = await readSse(
      `${url}/events?session_id=${sessionId}&since=0`,
      { 'last-event-id': '3' },
      (seen) => seen.some(isTurnDone),
    );
    expect(ids(frames)[0]).toBe(4);
    const since = await readSse(`${url}/events?session_id=${sessionId}&since=5`, {}, (seen) =>
      seen.some(isTurnDone),
    );
    expect(ids(since.frames)[0]).toBe(6);
  });

  it('streams live events after the replay, then ends when DELETE /session ends the session', async () => {
    const { url, sessionId } = await sessionWithOneTurn();
    const reading = readSse(`${url}/events?session_id=${sessionId}`, {}, () => false);
    await postJson(`${url}/message`, { session_id: sessionId, message: 'again' });
    await settled(url, sessionId);
    const ended = await deleteJson(`${url}/session?session_id=${sessionId}`);
    expect(ended).toMatchObject({ status: 200, body: { session_id: sessionId, status: 'ended' } });
    const { frames, endedByServer } = await reading;
    expect(endedByServer).toBe(true);
    expect(frames.filter(isTurnDone)).toHaveLength(2);
    const last = frames.at(-1);
    expect(last?.event).toBe('status');
    expect(JSON.parse(last?.data ?? '{}')).toMatchObject({
      status: 'ended',
      message_count: 4,
      updated_at: ended.body['updated_at'],
    });
  });

  it('ends a session with a turn in flight: the stream gets the failed turn, then the ended status, and closes', async () => {
    const server = await startControlPlaneServer();
    running.push(server);
    const { url, plane } = server;
    plane.turnGate = new Promise(() => undefined); // the turn never answers on its own
    const posted = await postJson(`${url}/message`, { message: 'long job' });
    const sessionId = posted.body['session_id'] as string;
    const reading = readSse(`${url}/events?session_id=${sessionId}`, {}, () => false);
    await expect.poll(() => plane.turns.length).toBe(1);

    expect((await deleteJson(`${url}/session?session_id=${sessionId}`)).status).toBe(200);
    const { frames, endedByServer } = await reading;
    expect(endedByServer).toBe(true);
    const tail = frames.slice(-2).map((frame) => [frame.event, JSON.parse(frame.data ?? '{}') as object]);
    expect(tail).toEqual([
      ['turn', expect.objectContaining({ turn_id: posted.body['turn_id'], state: 'failed' })],
      ['status', expect.objectContaining({ status: 'ended', message_count: 1 })],
    ]);
    expect(ids(frames)).toEqual(frames.map((_frame, index) => index + 1));
  });

  it('says replay_window_exceeded when the cursor is older than the retained events, then continues', async () => {
    const { url, sessionId } = await sessionWithOneTurn({ controlPlane: { events: { maxPerSession: 3 } } });
    const { frames } = await readSse(
      `${url}/events?session_id=${sessionId}`,
      { 'last-event-id': '1' },
      (seen) => seen.some(isTurnDone),
    );
    expect(frames[0]?.event).toBe('replay_window_exceeded');
    const notice = JSON.parse(frames[0]?.data ?? '{}') as { requested_after: number; resumed_after: number };
    expect(notice.requested_after).toBe(1);
    expect(Number(frames[0]?.id)).toBe(notice.resumed_after);
    expect(Number(frames[1]?.id)).toBe(notice.resumed_after + 1);
    expect(frames.slice(1).filter((frame) => frame.id !== undefined)).toHaveLength(3);
  });

  it('sends heartbeats while idle', async () => {
    const { url, sessionId } = await sessionWithOneTurn({
      controlPlane: { events: { heartbeatIntervalMs: 20 } },
    });
    const { frames } = await readSse(`${url}/events?session_id=${sessionId}`, {}, (seen) =>
      seen.some((frame) => frame.comment === 'heartbeat'),
    );
    expect(frames.some((frame) => frame.comment === 'heartbeat')).toBe(true);
  });

  it.each([
    ['last-event-id', 'abc'],
    ['last-event-id', '-1'],
  ])('refuses a malformed cursor (%s: %s) with 400', async (header, value) => {
    const { url, sessionId } = await sessionWithOneTurn();
    const response = await fetch(`${url}/events?session_id=${sessionId}`, { headers: { [header]: value } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_event_id' } });
  });

  it('ends open streams when the server shuts down', async () => {
    const server = await sessionWithOneTurn();
    const { url, sessionId } = server;
    const reading = readSse(`${url}/events?session_id=${sessionId}`, {}, () => false);
    await settled(url, sessionId);
    await server.close();
    expect((await reading).endedByServer).toBe(true);
  });
});
