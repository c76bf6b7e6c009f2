/**
 * What only a store shared by several processes must prove, with two RedisStore instances (two replicas)
 * on one real redis-server: they see one state, concurrent writes from both keep event ids gapless and
 * unique, appends on one wake the other, a turn is interrupted only once its replica's lease is gone, only
 * the key's hash reaches Redis, and a Redis restart fails writes clearly and then recovers.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@redis/client';
import { freePort } from '@switchyard/testkit/ports';
import { startRedisServer, type RunningRedis } from '@switchyard/testkit/redis-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyScope } from '../../idempotency/idempotency-key.ts';
import { sha256Hex } from '../../idempotency/sha256.ts';
import { RedisStore } from './redis-store.ts';

let redis: RunningRedis;
let prefix: string;
const opened: RedisStore[] = [];
const replica = async (leaseMs = 15_000): Promise<RedisStore> => {
  const store = await RedisStore.open({ url: redis.url, keyPrefix: prefix, replicaLeaseMs: leaseMs });
  opened.push(store);
  return store;
};

beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: true });
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  prefix = `test-${randomUUID()}:`;
});
afterAll(async () => {
  await redis.dispose();
});
prefix = `test-${randomUUID()}:`;

describe('RedisStore replicas on one Redis', () => {
  it('refuses to open on an unreachable Redis with store_unavailable, naming the URL without its password', async () => {
    const closedPort = await freePort();
    const opening = RedisStore.open({ url: `redis://:hunter2-pass@127.0.0.1:${closedPort}` });
    await expect(opening).rejects.toMatchObject({ code: 'store_unavailable' });
    const message = await opening.catch((error: unknown) => (error as Error).message);
    expect(message).toContain(`redis://:***@127.0.0.1:${closedPort}`);
    expect(message).toContain('controlPlane.store.url');
    expect(message).not.toContain('hunter2-pass');
  });

  it('share one session: created on A, continued on B, read on either', async () => {
    const [a, b] = [await replica(), await replica()];
    const first = await a.appendUserMessage({ sessionId: 's1', owner: 'ci', content: 'q1', capability: '' });
    // A runs its turn: B, alive too, may not close it in A's place.
    await expect(b.completeTurn({ turnId: first.turn.id, content: 'not mine' })).rejects.toMatchObject({
      code: 'turn_not_running',
    });
    await a.completeTurn({ turnId: first.turn.id, content: 'a1' });
    const second = await b.appendUserMessage({
      sessionId: 's1',
      owner: 'ci',
      existingOnly: true,
      content: 'q2',
      capability: '',
    });
    expect(second.sessionCreated).toBe(false);
    expect((await a.listMessages('s1')).map((m) => [m.seq, m.content])).toEqual([
      [1, 'q1'],
      [2, 'a1'],
      [3, 'q2'],
    ]);
    await expect(
      b.appendUserMessage({ sessionId: 's1', owner: 'other', content: 'x', capability: '' }),
    ).rejects.toMatchObject({ code: 'session_not_found' });
    expect(await a.getSession('s1')).toEqual(await b.getSession('s1'));
  });

  it('keep event ids gapless and unique under concurrent appends from both replicas', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
    const appends = Array.from({ length: 100 }, (_, index) =>
      (index % 2 === 0 ? a : b).appendEvent('s1', 'delta', { index }),
    );
    const ids = (await Promise.all(appends)).map((event) => event.id).sort((x, y) => x - y);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, index) => index + 4));
    const page = await b.eventsSince('s1', 0);
    expect(page.events.map((event) => event.id)).toEqual(Array.from({ length: 103 }, (_, i) => i + 1));
  });

  it('let exactly one of many concurrent first messages create a session and open its turn', async () => {
    const [a, b] = [await replica(), await replica()];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? a : b).appendUserMessage({
          sessionId: 's1',
          content: `q${index}`,
          capability: '',
        }),
      ),
    );
    const created = outcomes.filter((o) => o.status === 'fulfilled');
    expect(created).toHaveLength(1);
    const refusals = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [o.reason as { code?: string }] : [],
    );
    expect(refusals.every((reason) => reason.code === 'turn_in_progress')).toBe(true);
    expect(await a.listMessages('s1')).toHaveLength(1);
  });

  it('wake a subscriber on B for every append made on A', async () => {
    const [a, b] = [await replica(), await replica()];
    const woken: (string | undefined)[] = [];
    const unsubscribe = await b.subscribeSessionEvents((sessionId) => woken.push(sessionId));
    await a.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
    await a.appendEvent('s1', 'delta', { text: 'x' });
    await expect.poll(() => woken.length, { timeout: 2_000 }).toBe(2);
    expect(woken).toEqual(['s1', 's1']);
    await unsubscribe();
  });

  it('treat a turn as interrupted only once the replica running it is gone (kill -9), and let one replica adopt it', async () => {
    // Replica A is a child process: it opens a turn with a 1 s lease, reports it, and is killed with SIGKILL.
    const storeUrl = pathToFileURL(join(import.meta.dirname, 'redis-store.ts')).href;
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '--no-warnings',
        '-e',
        `const { RedisStore } = await import(${JSON.stringify(storeUrl)});
         const a = await RedisStore.open({ url: ${JSON.stringify(redis.url)}, keyPrefix: ${JSON.stringify(prefix)}, replicaLeaseMs: 1000 });
         const { turn } = await a.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
         process.stdout.write(turn.id + '\\n');
         setInterval(() => undefined, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const turnId = line.toString().trim();
    expect(turnId).toMatch(/^turn_/);
    const [b, c] = [await replica(), await replica()];
    // A is alive: its turn is in progress, not interrupted, and nobody may take it over.
    expect(await b.findInterruptedTurns()).toEqual([]);
    expect(await b.adoptInterruptedTurn(turnId)).toBe(false);

    child.kill('SIGKILL');
    await once(child, 'exit');
    await expect.poll(async () => (await b.findInterruptedTurns('s1')).length, { timeout: 3_000 }).toBe(1);
    const adopted = await Promise.all([b.adoptInterruptedTurn(turnId), c.adoptInterruptedTurn(turnId)]);
    expect(adopted.filter(Boolean)).toHaveLength(1);
    const winner = adopted[0] === true ? b : c;
    const loser = winner === b ? c : b;
    expect(await loser.findInterruptedTurns()).toEqual([]);
    await expect(loser.completeTurn({ turnId, content: 'not mine' })).rejects.toMatchObject({
      code: 'turn_not_running',
    });
    await winner.completeTurn({ turnId, content: 'resumed answer' });
    expect(await loser.getSession('s1')).toMatchObject({ status: 'idle', messageCount: 2 });
  });

  it('store only the hash of an Idempotency-Key, never the key itself', async () => {
    const store = await replica();
    const rawKey = `raw-key-${randomUUID()}`;
    const scope = idempotencyScope({ principal: 'ci', route: 'POST /message', key: rawKey });
    const now = Date.now();
    await store.claimIdempotencyKey({
      scope,
      fingerprint: 'fp',
      claimId: 'c1',
      now,
      expiresAt: now + 60_000,
      leaseExpiresAt: now + 10_000,
    });
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys(`${prefix}*`);
      const dump = [...keys, ...(await Promise.all(keys.map((key) => client.dump(key))))].join('\n');
      expect(dump).toContain(sha256Hex(rawKey));
      expect(dump).not.toContain(rawKey);
      const record = keys.find((key) => key.includes(':idem:'));
      expect(record).toBeDefined();
      // Redis expires the record by itself: the lease plus the grace, never "forever".
      expect(await client.pTTL(record!)).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  });

  it('fail writes with a clear error while Redis is down, then recover with nothing half-written', async () => {
    const store = await replica();
    const { turn } = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
    await redis.stop();
    await expect(store.appendEvent('s1', 'delta', { text: 'lost' })).rejects.toMatchObject({
      code: 'store_unavailable',
    });
    await redis.start();
    await expect
      .poll(
        async () =>
          store.getSession('s1').then(
            () => true,
            () => false,
          ),
        { timeout: 5_000 },
      )
      .toBe(true);
    expect((await store.eventsSince('s1', 0)).events.map((e) => e.type)).toEqual([
      'status',
      'message',
      'turn',
    ]);
    const done = await store.completeTurn({ turnId: turn.id, content: 'answer' });
    expect(done.session).toMatchObject({ status: 'idle', messageCount: 2 });
    expect((await store.eventsSince('s1', 0)).lastEventId).toBe(6);
  });
});
