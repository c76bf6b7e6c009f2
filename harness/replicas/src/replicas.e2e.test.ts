/**
 * Several built proxy processes on one real redis-server behave as one proxy: an Idempotency-Key executes
 * once whichever replicas its retries reach, a session lives on all of them, `/events` on any replica
 * replays and follows turns run by another, and a turn of a replica killed with SIGKILL is resumed by
 * another. Loopback only; every wait is bounded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { get, post, readEvents, waitForStatus, type JsonReply } from '@switchyard/e2e/proxy-process';
import { ReplicaSet } from './replica-set.ts';

let set: ReplicaSet | undefined;
afterEach(async () => {
  await set?.stop();
  set = undefined;
});

const mockRequests = async (url: string): Promise<number> =>
  ((await get(`${url}/v1/metrics/providers`)).body['mock'] as { request_count: number }).request_count;

describe('e2e: replicas sharing one Redis', () => {
  it('executes 50 concurrent requests with one Idempotency-Key, spread over 3 replicas, exactly once', async () => {
    set = await ReplicaSet.start();
    const replicas = [await set.add(), await set.add(), await set.add()];
    const body = { message: 'exactly once, please' };
    const headers = { 'idempotency-key': 'e2e-replicas-one-key' };

    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) => post(`${replicas[index % 3]!.url}/message`, body, headers)),
    );
    const accepted = replies.filter((reply) => reply.status === 202);
    expect(replies.every((reply) => reply.status === 202 || reply.status === 409)).toBe(true);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    const sessionIds = new Set(accepted.map((reply) => reply.body['session_id']));
    expect(sessionIds.size).toBe(1);
    const sessionId = String([...sessionIds][0]);
    await waitForStatus(replicas[0]!.url, sessionId, (status) => status['status'] === 'idle');

    // Retries on every replica now replay the one stored answer.
    for (const replica of replicas) {
      const replay: JsonReply = await post(`${replica.url}/message`, body, headers);
      expect(replay.status).toBe(202);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body['session_id']).toBe(sessionId);
    }
    // One execution in total: one model call across all replicas, one user and one assistant message.
    const calls = await Promise.all(replicas.map((replica) => mockRequests(replica.url)));
    expect(calls.reduce((sum, count) => sum + count, 0)).toBe(1);
    const { body: listed } = await get(`${replicas[2]!.url}/messages?session_id=${sessionId}`);
    expect((listed['messages'] as { role: string }[]).map((message) => message.role)).toEqual([
      'user',
      'assistant',
    ]);
  });

  it('creates a session on A, continues it on B, and streams it from C with Last-Event-ID, then live', async () => {
    set = await ReplicaSet.start();
    const [a, b, c] = [await set.add(), await set.add({ chunkIntervalMs: 40 }), await set.add()];

    const created = await post(`${a.url}/message`, { message: 'first, on A' });
    expect(created.status).toBe(202);
    const sessionId = created.body['session_id'] as string;
    await waitForStatus(b.url, sessionId, (status) => status['status'] === 'idle');
    const seenOnA = await readEvents(`${a.url}/events?session_id=${sessionId}`, {}, (events) =>
      events.some((event) => event.event === 'status' && event.data['status'] === 'idle'),
    );
    const lastSeen = seenOnA.at(-1)!.id;

    // C replays from the client's cursor and then follows, live, a turn that B runs (deltas 40 ms apart).
    const streamed = readEvents(
      `${c.url}/events?session_id=${sessionId}`,
      { 'last-event-id': String(lastSeen) },
      (events) => events.some((event) => event.event === 'status' && event.data['status'] === 'idle'),
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const continued = await post(`${b.url}/message`, { session_id: sessionId, message: 'second, on B' });
    expect(continued.status).toBe(202);
    const events = await streamed;

    // Nothing lost or repeated across the switch from replay to live: ids continue from the cursor, gapless.
    expect(events[0]?.id).toBe(lastSeen + 1);
    expect(events.map((event) => event.id)).toEqual(events.map((_event, index) => lastSeen + 1 + index));
    expect(events.filter((event) => event.event === 'delta').length).toBeGreaterThan(0);
    expect(events.every((event) => event.data['session_id'] === sessionId)).toBe(true);
    const { body: listed } = await get(`${c.url}/messages?session_id=${sessionId}`);
    expect((listed['messages'] as { content: string }[]).map((m) => m.content).slice(0, 3)).toEqual([
      'first, on A',
      expect.any(String),
      'second, on B',
    ]);
  });

  it('lets another replica resume the turn of a replica killed with SIGKILL mid-turn', async () => {
    set = await ReplicaSet.start();
    const a = await set.add({ slowFirstTokenMs: 60_000 });
    const b = await set.add();
    const posted = await post(`${a.url}/message`, { message: '[mock:slow-first-token] held on A' });
    const sessionId = posted.body['session_id'] as string;
    // While A lives, its turn is in progress for everyone: B must not take it over.
    const whileAlive = await post(`${b.url}/message`, { session_id: sessionId, capability: 'resume' });
    expect(whileAlive.status).toBe(409);

    await a.kill9();
    // A's lease (1 s) lapses: the turn is interrupted and B resumes it.
    await waitForStatus(b.url, sessionId, (status) => status['status'] === 'interrupted');
    const resumed = await post(`${b.url}/message`, { session_id: sessionId, capability: 'resume' });
    expect(resumed.body).toMatchObject({ resumed: true, turn_id: posted.body['turn_id'] });
    const finished = await waitForStatus(b.url, sessionId, (status) => status['status'] === 'idle');
    expect(finished).toMatchObject({ message_count: 2, resumable_turn_id: null });
  });

  it('answers clear errors while Redis is down, then recovers with nothing half-written', async () => {
    set = await ReplicaSet.start();
    const [a, b] = [await set.add(), await set.add()];
    const created = await post(`${a.url}/message`, { message: 'before the outage' });
    const sessionId = created.body['session_id'] as string;
    await waitForStatus(a.url, sessionId, (status) => status['status'] === 'idle');

    await set.redis.stop();
    const during = await post(`${b.url}/message`, { session_id: sessionId, message: 'during the outage' });
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ error: { code: 'store_unavailable' } });

    await set.redis.start();
    const after = await waitForAccepted(() =>
      post(`${b.url}/message`, { session_id: sessionId, message: 'after the outage' }),
    );
    expect(after.status).toBe(202);
    const finished = await waitForStatus(a.url, sessionId, (status) => status['status'] === 'idle');
    expect(finished['message_count']).toBe(4);
    const { body: listed } = await get(`${a.url}/messages?session_id=${sessionId}`);
    const contents = (listed['messages'] as { content: string }[]).map((message) => message.content);
    expect(contents.filter((content) => content === 'during the outage')).toEqual([]);
    expect(contents[2]).toBe('after the outage');
  });
});

/** Retries while the store is still reconnecting (503), up to 10 s. */
async function waitForAccepted(send: () => Promise<JsonReply>): Promise<JsonReply> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reply = await send();
    if (reply.status !== 503 || Date.now() > deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
