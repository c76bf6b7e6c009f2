/**
 * The control plane survives a crash: a real proxy process is killed with SIGKILL while a model turn is in
 * flight, restarted on the same data directory, and sessions, messages, idempotent replays, Last-Event-ID
 * replay and resume all continue; /v1/models and /v1/metrics/providers keep answering.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  get,
  post,
  readEvents,
  startProxy,
  waitForStatus,
  writeConfig,
  type ProxyProcess,
} from './proxy-process.ts';

const processes: ProxyProcess[] = [];
afterEach(async () => {
  await Promise.all(processes.map((proxy) => proxy.service.stop()));
  processes.length = 0;
});

async function start(configFile: string): Promise<ProxyProcess> {
  const proxy = await startProxy(configFile);
  processes.push(proxy);
  return proxy;
}

/** Fast answers, except `[mock:slow-first-token]` turns, which wait `slowFirstTokenMs` before answering. */
function configFor(dataDir: string, slowFirstTokenMs: number): Record<string, unknown> {
  return {
    logging: { level: 'warn' },
    controlPlane: { dataDir },
    modelPlane: {
      providers: { mock: { chunkCount: 4, chunkSize: 8, chunkIntervalMs: 1, slowFirstTokenMs } },
      deadlines: { firstTokenTimeoutMs: 120_000 },
    },
  };
}

const modelIds = async (url: string): Promise<string[]> =>
  ((await get(`${url}/v1/models`)).body['data'] as { id: string }[]).map((model) => model.id).sort();

describe('e2e: control plane across kill -9 and restart', () => {
  it('keeps sessions, messages, idempotent replays and event ids, and resumes the interrupted turn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
    const dataDir = join(dir, 'data');
    // Before the crash the held turn never answers in time; after the restart it answers at once.
    const holding = writeConfig(dir, 'holding.yaml', configFor(dataDir, 60_000));
    const quick = writeConfig(dir, 'quick.yaml', configFor(dataDir, 1));

    const first = await start(holding);
    const modelsBefore = await modelIds(first.url);
    // A client never names a new session: an id the server did not issue is 404, and nothing is created.
    const unknown = await post(`${first.url}/message`, { session_id: 'e2e-session', message: 'hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'session_not_found', param: 'session_id' } });
    const bodyA = { message: 'first question' };
    const postedA = await post(`${first.url}/message`, bodyA, { 'idempotency-key': 'key-a' });
    expect(postedA.status).toBe(202);
    const sessionId = postedA.body['session_id'] as string;
    await waitForStatus(first.url, sessionId, (status) => status['status'] === 'idle');
    const metricsBefore = (await get(`${first.url}/v1/metrics/providers`)).body;
    expect(metricsBefore).toMatchObject({ mock: { request_count: 1, success_count: 1 } });

    const eventsBefore = await readEvents(`${first.url}/events?session_id=${sessionId}`, {}, (events) =>
      events.some((event) => event.event === 'status' && event.id > 3),
    );
    const lastSeen = eventsBefore.at(-1)?.id ?? 0;
    expect(eventsBefore.map((event) => event.id)).toEqual(eventsBefore.map((_event, index) => index + 1));

    const bodyB = { session_id: sessionId, message: '[mock:slow-first-token] second question' };
    const postedB = await post(`${first.url}/message`, bodyB, { 'idempotency-key': 'key-b' });
    expect(postedB.body).toMatchObject({ status: 'running' });
    await first.kill9();
    expect(first.service.child.signalCode).toBe('SIGKILL');

    const second = await start(quick);
    expect(await modelIds(second.url)).toEqual(modelsBefore);
    // Metrics are per process: the restarted server starts from zero and still lists every provider.
    expect((await get(`${second.url}/v1/metrics/providers`)).body).toMatchObject({
      mock: { request_count: 0 },
    });

    // Stored as running, but no process runs it after the crash: interrupted until resumed.
    const interrupted = await get(`${second.url}/status?session_id=${sessionId}`);
    expect(interrupted.body).toMatchObject({
      status: 'interrupted',
      message_count: 3,
      resumable_turn_id: postedB.body['turn_id'],
    });

    const replayA = await post(`${second.url}/message`, bodyA, { 'idempotency-key': 'key-a' });
    expect(replayA.headers.get('idempotent-replayed')).toBe('true');
    expect(replayA.body).toEqual(postedA.body);
    const replayB = await post(`${second.url}/message`, bodyB, { 'idempotency-key': 'key-b' });
    expect(replayB.body).toEqual(postedB.body);
    const mismatch = await post(
      `${second.url}/message`,
      { ...bodyA, message: 'other' },
      { 'idempotency-key': 'key-a' },
    );
    expect(mismatch.status).toBe(422);

    const replayed = await readEvents(
      `${second.url}/events?session_id=${sessionId}`,
      { 'last-event-id': String(lastSeen) },
      (events) => events.length >= 3,
    );
    expect(replayed[0]?.id).toBe(lastSeen + 1);
    expect(replayed.map((event) => event.event).slice(0, 3)).toEqual(['status', 'message', 'turn']);

    const resumed = await post(`${second.url}/message`, { session_id: sessionId, capability: 'resume' });
    expect(resumed.body).toMatchObject({ resumed: true, turn_id: postedB.body['turn_id'] });
    const finished = await waitForStatus(second.url, sessionId, (status) => status['status'] === 'idle');
    expect(finished).toMatchObject({ status: 'idle', message_count: 4, resumable_turn_id: null });

    const { body } = await get(`${second.url}/messages?session_id=${sessionId}`);
    const messages = body['messages'] as { role: string; content: string; message_id: string }[];
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);

    // From /events alone a client finds the restart and rebuilds the stored reply: the resumed turn's deltas
    // after its restart marker are the re-run's, whatever the killed attempt had streamed before.
    const turnB = postedB.body['turn_id'];
    const all = await readEvents(`${second.url}/events?session_id=${sessionId}`, {}, (events) =>
      events.some(
        (event) =>
          event.event === 'message' && event.data['role'] === 'assistant' && event.data['turn_id'] === turnB,
      ),
    );
    const ofTurnB = all.filter((event) => event.data['turn_id'] === turnB);
    const marker = ofTurnB.findLastIndex(
      (event) => event.event === 'turn' && event.data['restarted'] === true,
    );
    expect(marker).toBeGreaterThan(-1);
    const rebuilt = ofTurnB
      .slice(marker + 1)
      .filter((event) => event.event === 'delta')
      .map((event) => event.data['text'])
      .join('');
    expect(rebuilt).toBe(messages[3]?.content);
    expect(rebuilt.length).toBeGreaterThan(0);
    expect(messages[0]?.message_id).toBe(postedA.body['message_id']);
    expect(messages[2]?.message_id).toBe(postedB.body['message_id']);
    expect((await get(`${second.url}/v1/metrics/providers`)).body).toMatchObject({
      mock: { request_count: 1 },
    });
  });
});
