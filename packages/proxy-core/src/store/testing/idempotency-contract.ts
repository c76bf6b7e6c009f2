/**
 * The IdempotencyEngine's guarantees over a store: the same tests run against every implementation
 * (idempotency/idempotency-engine.test.ts for MemoryStore and SqliteStore, the Redis lane for RedisStore).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControlPlaneStore, StoredResponse } from '../control-plane-store.ts';
import { requestFingerprint } from '../../idempotency/fingerprint.ts';
import {
  IdempotencyEngine,
  type BeginResult,
  type IdempotencyOptions,
} from '../../idempotency/idempotency-engine.ts';
import { idempotencyScope } from '../../idempotency/idempotency-key.ts';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const scope = idempotencyScope({ principal: 'ci', route: 'POST /message', key: 'key-1' });
const fingerprint = requestFingerprint({ message: 'hello' });
const otherFingerprint = requestFingerprint({ message: 'bye' });
const response: StoredResponse = {
  status: 202,
  headers: { 'content-type': 'application/json' },
  body: '{"message_id":"msg_1"}',
};

/** Opens a fresh, empty store; `dir` is an empty temporary directory it may use. */
export type IdempotencyStoreFactory = (dir: string) => ControlPlaneStore | Promise<ControlPlaneStore>;

export function describeIdempotencyContract(name: string, createStore: IdempotencyStoreFactory): void {
  describe(`IdempotencyEngine over ${name}`, () => {
    let clock: number;
    let dir: string;
    let store: ControlPlaneStore;
    const engine = (options: IdempotencyOptions = {}): IdempotencyEngine =>
      new IdempotencyEngine(store, { now: () => clock, ...options });
    const execute = async (subject: IdempotencyEngine, fp = fingerprint) => {
      const begun = await subject.begin(scope, fp);
      if (begun.kind !== 'execute') throw new Error(`expected execute, got ${begun.kind}`);
      return begun.token;
    };

    beforeEach(async () => {
      clock = T0;
      dir = mkdtempSync(join(tmpdir(), 'sy-idem-'));
      store = await createStore(dir);
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('executes the first request and replays its stored response, marked as replayed', async () => {
      const subject = engine();
      const first = await subject.begin(scope, fingerprint);
      expect(first).toMatchObject({ kind: 'execute', expiresAt: T0 + 24 * 3_600_000 });
      if (first.kind !== 'execute') return;
      expect(await subject.complete(first.token, response)).toBe(true);

      const expected: BeginResult = {
        kind: 'replay',
        response: { ...response, headers: { ...response.headers, 'idempotent-replayed': 'true' } },
      };
      expect(await subject.begin(scope, fingerprint)).toEqual(expected);
      expect(await subject.begin(scope, fingerprint)).toEqual(expected);
    });

    it('answers conflict-in-flight while the first request with the key runs', async () => {
      const subject = engine();
      await execute(subject);
      expect(await subject.begin(scope, fingerprint)).toEqual({ kind: 'conflict-in-flight' });
    });

    it('answers fingerprint-mismatch for a different payload, in flight or completed', async () => {
      const subject = engine();
      const token = await execute(subject);
      expect(await subject.begin(scope, otherFingerprint)).toEqual({ kind: 'fingerprint-mismatch' });
      await subject.complete(token, response);
      expect(await subject.begin(scope, otherFingerprint)).toEqual({ kind: 'fingerprint-mismatch' });
    });

    it('scopes keys by principal and route', async () => {
      const subject = engine();
      await execute(subject);
      const otherClient = idempotencyScope({ principal: 'other', route: 'POST /message', key: 'key-1' });
      const otherRoute = idempotencyScope({
        principal: 'ci',
        route: 'POST /v1/chat/completions',
        key: 'key-1',
      });
      expect((await subject.begin(otherClient, fingerprint)).kind).toBe('execute');
      expect((await subject.begin(otherRoute, fingerprint)).kind).toBe('execute');
    });

    it('lets a retry execute after abandon; abandoning twice is refused', async () => {
      const subject = engine();
      const token = await execute(subject);
      expect(await subject.abandon(token)).toBe(true);
      expect(await subject.abandon(token)).toBe(false);
      const retry = await execute(subject, otherFingerprint);
      expect(retry.claimId).not.toBe(token.claimId);
    });

    it('keeps a response for retentionMs after completion; then the key behaves as new', async () => {
      const subject = engine({ retentionMs: 1_000 });
      const token = await execute(subject);
      clock += 500;
      await subject.complete(token, response);

      clock = T0 + 1_499;
      expect((await subject.begin(scope, fingerprint)).kind).toBe('replay');
      clock = T0 + 1_500;
      expect((await subject.begin(scope, otherFingerprint)).kind).toBe('execute');
    });

    it('takes over a claim whose holder never finished once its lease runs out; the old holder cannot store', async () => {
      const subject = engine({ inFlightLeaseMs: 100 });
      const crashed = await execute(subject);
      clock += 99;
      expect((await subject.begin(scope, fingerprint)).kind).toBe('conflict-in-flight');
      clock += 1;
      const takeover = await execute(subject);

      expect(await subject.complete(crashed, { ...response, body: 'stale' })).toBe(false);
      expect(await subject.complete(takeover, response)).toBe(true);
      expect(await subject.begin(scope, fingerprint)).toMatchObject({
        kind: 'replay',
        response: { body: response.body },
      });
    });

    it('sweeps expired records', async () => {
      const subject = engine({ retentionMs: 1_000, inFlightLeaseMs: 100 });
      await subject.complete(await execute(subject), response);
      await subject.begin(
        idempotencyScope({ principal: 'ci', route: 'POST /message', key: 'key-2' }),
        fingerprint,
      );

      expect(await subject.sweepExpired()).toBe(0);
      expect(await subject.sweepExpired(T0 + 100)).toBe(1);
      clock = T0 + 1_000;
      expect(await subject.sweepExpired()).toBe(1);
    });

    it('refuses retention and lease settings that are not positive whole milliseconds', () => {
      for (const bad of [0, -1, 1.5, Number.NaN]) {
        expect(() => engine({ retentionMs: bad })).toThrow(/retentionMs must be a whole number/);
        expect(() => engine({ inFlightLeaseMs: bad })).toThrow(/inFlightLeaseMs must be a whole number/);
      }
      expect(new IdempotencyEngine(store)).toMatchObject({
        retentionMs: 86_400_000,
        inFlightLeaseMs: 900_000,
      });
    });

    it('lets exactly one of 50 concurrent requests with one key execute; the others conflict, then replay', async () => {
      const subject = engine();
      const results = await Promise.all(Array.from({ length: 50 }, () => subject.begin(scope, fingerprint)));
      const executes = results.filter((result) => result.kind === 'execute');
      expect(executes).toHaveLength(1);
      expect(results.filter((result) => result.kind === 'conflict-in-flight')).toHaveLength(49);

      const [winner] = executes;
      if (winner?.kind === 'execute') await subject.complete(winner.token, response);
      const replays = await Promise.all(Array.from({ length: 50 }, () => subject.begin(scope, fingerprint)));
      expect(replays.every((result) => result.kind === 'replay')).toBe(true);
    });

    it('stores exactly one message for 50 interleaved POST /message requests with one key', async () => {
      const subject = engine();
      // Staggered in milliseconds, not microtasks: a networked store (Redis) needs real time for the first
      // request to store its reply, and an in-process one has finished long before the first timer fires.
      const postMessage = async (delaySteps: number): Promise<{ status: number; body: string }> => {
        if (delaySteps > 0) await new Promise((resolve) => setTimeout(resolve, delaySteps * 5));
        const begun = await subject.begin(scope, fingerprint);
        if (begun.kind === 'conflict-in-flight') return { status: 409, body: '' };
        if (begun.kind === 'fingerprint-mismatch') return { status: 422, body: '' };
        if (begun.kind === 'replay') return begun.response;
        const { message } = await store.appendUserMessage({
          sessionId: 's1',
          content: 'hello',
          capability: '',
        });
        const stored = { status: 202, headers: {}, body: JSON.stringify({ message_id: message.id }) };
        await subject.complete(begun.token, stored);
        return stored;
      };

      const replies = await Promise.all(Array.from({ length: 50 }, (_, index) => postMessage(index % 13)));
      const messages = await store.listMessages('s1');
      expect(messages).toHaveLength(1);
      const accepted = replies.filter((reply) => reply.status === 202);
      // The staggered starts make the mix deterministic: some arrive while the first runs, some after it stored.
      expect(accepted.length).toBeGreaterThan(1);
      expect(replies.some((reply) => reply.status === 409)).toBe(true);
      expect(new Set(accepted.map((reply) => reply.body))).toEqual(
        new Set([JSON.stringify({ message_id: messages[0]?.id })]),
      );
      expect(replies.every((reply) => reply.status === 202 || reply.status === 409)).toBe(true);
    });
  });
}
