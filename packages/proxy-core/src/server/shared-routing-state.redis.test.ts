/**
 * Routing state shared through Redis, end to end in two real servers (createServer, the real model plane) on
 * one redis-server: when the upstream answers replica A with 429 for both keys, replica B answers its next
 * request from the shared cooldown — 429 `upstream_keys_cooling_down` — without calling the upstream at all;
 * when a route's primary fails on A until its circuit opens, B skips that primary too.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startRedisServer, type RunningRedis } from '@switchyard/testkit/redis-server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLoopbackUpstream,
  type LoopbackUpstream,
} from '../providers/shared/testing/loopback-upstream.ts';
import { createServer } from './create-server.ts';
import type { SwitchyardServer } from './build-server.ts';

let redis: RunningRedis;
let upstream: LoopbackUpstream;
beforeAll(async () => {
  redis = await startRedisServer();
  upstream = await startLoopbackUpstream();
});
afterAll(async () => {
  await upstream.close();
  await redis.dispose();
});

const replica = (keyPrefix: string): Promise<SwitchyardServer> =>
  createServer(
    {
      controlPlane: {
        dataDir: mkdtempSync(join(tmpdir(), 'sy-cooldown-')),
        store: { kind: 'redis', url: redis.url, keyPrefix },
      },
      modelPlane: {
        // No waiting retries: the test is about which keys are tried, not about backoff.
        retries: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 5 },
        providers: {
          openai: {
            keys: ['sk-test-shared-cooldown-key-one', 'sk-test-shared-cooldown-key-two'],
            baseUrl: upstream.baseUrl,
          },
        },
      },
    },
    { logDestination: new PassThrough() },
  );

describe('key cooldowns shared between replicas through Redis', () => {
  it('cools both keys on replica B after the upstream rate-limited them on replica A', async () => {
    upstream.respond(() => ({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '30' },
      chunks: ['{"error":{"message":"rate limited","type":"rate_limit_error"}}'],
    }));
    const keyPrefix = `test-${randomUUID()}:`;
    const [a, b] = [await replica(keyPrefix), await replica(keyPrefix)];
    try {
      const body = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
      const onA = await request(a.app.server).post('/v1/chat/completions').send(body);
      expect(onA.status).toBe(429);
      const calledByA = upstream.requests.length;
      expect(calledByA).toBeGreaterThanOrEqual(2);

      // The announcements travel through Redis pub/sub (well under a millisecond on loopback); give them ample time.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const onB = await request(b.app.server).post('/v1/chat/completions').send(body);
      expect(onB.status).toBe(429);
      expect((onB.body as { error?: { code?: string } }).error?.code).toBe('upstream_keys_cooling_down');
      // B answered from the shared cooldowns: the upstream never heard from it.
      expect(upstream.requests.length).toBe(calledByA);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

const OK = JSON.stringify({
  choices: [{ index: 0, message: { role: 'assistant', content: 'from kimi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1 },
});

const routedReplica = (keyPrefix: string): Promise<SwitchyardServer> =>
  createServer(
    {
      controlPlane: {
        dataDir: mkdtempSync(join(tmpdir(), 'sy-circuit-')),
        store: { kind: 'redis', url: redis.url, keyPrefix },
      },
      modelPlane: {
        retries: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 5 },
        circuit: { failureThreshold: 3, openMs: 60_000 },
        routes: { smart: ['deepseek/deepseek-chat', 'kimi/kimi-k2'] },
        providers: {
          deepseek: { baseUrl: `${upstream.baseUrl}/deepseek`, keys: ['sk-test-circuit-deepseek-key'] },
          kimi: { baseUrl: `${upstream.baseUrl}/kimi`, keys: ['sk-test-circuit-kimi-key'] },
        },
      },
    },
    { logDestination: new PassThrough() },
  );

describe('circuits shared between replicas through Redis', () => {
  it("skips a route's failing primary on replica B once its circuit opened on replica A", async () => {
    upstream.respond((recorded) =>
      recorded.url.startsWith('/deepseek')
        ? {
            status: 503,
            headers: { 'content-type': 'application/json' },
            chunks: ['{"error":{"message":"busy"}}'],
          }
        : { headers: { 'content-type': 'application/json' }, chunks: [OK] },
    );
    const keyPrefix = `test-${randomUUID()}:`;
    const [a, b] = [await routedReplica(keyPrefix), await routedReplica(keyPrefix)];
    const primaryCalls = (): number => upstream.requests.filter((r) => r.url.startsWith('/deepseek')).length;
    try {
      const body = { model: 'smart', messages: [{ role: 'user', content: 'hi' }] };
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const onA = await request(a.app.server).post('/v1/chat/completions').send(body);
        expect(onA.status).toBe(200);
      }
      const primaryCallsByA = primaryCalls();
      expect(primaryCallsByA).toBeGreaterThanOrEqual(3);

      await new Promise((resolve) => setTimeout(resolve, 500));
      const onB = await request(b.app.server).post('/v1/chat/completions').send(body);
      expect(onB.status).toBe(200);
      expect(onB.headers['x-switchyard-provider']).toBe('kimi');
      // B never tried the primary: A's open circuit reached it.
      expect(primaryCalls()).toBe(primaryCallsByA);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
