/**
 * The ControlPlaneStore contract: the same tests run against every implementation (store-contract.test.ts for
 * MemoryStore and SqliteStore, redis/redis-store.redis.test.ts for RedisStore), so no store drifts from another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControlPlaneStore, IdempotencyClaim, IdempotencyScope } from '../control-plane-store.ts';
import { StoreError } from '../errors.ts';
import type { EventRetention } from '../event-retention.ts';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');

export interface Setup {
  readonly eventRetention?: EventRetention;
}

/** Opens a fresh, empty store on the test's clock; `dir` is an empty temporary directory it may use. */
export type StoreFactory = (
  now: () => number,
  setup: Setup,
  dir: string,
) => ControlPlaneStore | Promise<ControlPlaneStore>;

export function describeStoreContract(name: string, create: StoreFactory): void {
  describe(`${name} honours the ControlPlaneStore contract`, () => {
    let clock: number;
    let dir: string;
    let opened: ControlPlaneStore[];
    const open = async (setup: Setup = {}): Promise<ControlPlaneStore> => {
      const store = await create(() => clock, setup, dir);
      opened.push(store);
      return store;
    };

    beforeEach(() => {
      clock = T0;
      dir = mkdtempSync(join(tmpdir(), 'sy-store-'));
      opened = [];
    });
    afterEach(async () => {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const expectStoreError = async (promise: Promise<unknown>, code: StoreError['code']): Promise<void> => {
      const error: unknown = await promise.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe(code);
    };

    describe('sessions and turns', () => {
      it('creates the session on its first message, on the mock model by default, and opens a running turn', async () => {
        const store = await open();
        const appended = await store.appendUserMessage({
          sessionId: 's1',
          content: 'hello',
          capability: 'continue',
        });

        expect(appended.sessionCreated).toBe(true);
        expect(appended.session).toEqual({
          id: 's1',
          model: 'mock',
          owner: null,
          status: 'running',
          messageCount: 1,
          lastError: null,
          createdAt: T0,
          updatedAt: T0,
        });
        expect(appended.message).toMatchObject({ sessionId: 's1', seq: 1, role: 'user', content: 'hello' });
        expect(appended.message.id).toMatch(/^msg_/);
        expect(appended.turn).toEqual({
          id: appended.message.turnId,
          sessionId: 's1',
          state: 'running',
          capability: 'continue',
          userMessageId: appended.message.id,
          assistantMessageId: null,
          error: null,
          createdAt: T0,
          updatedAt: T0,
        });
        expect(await store.getSession('s1')).toEqual(appended.session);
        expect(await store.getTurn(appended.turn.id)).toEqual(appended.turn);
      });

      it('keeps the model chosen at creation; later messages cannot change it', async () => {
        const store = await open();
        const first = await store.appendUserMessage({
          sessionId: 's1',
          model: 'kimi/k2',
          content: 'a',
          capability: '',
        });
        await store.completeTurn({ turnId: first.turn.id, content: 'b' });
        const second = await store.appendUserMessage({
          sessionId: 's1',
          model: 'other',
          content: 'c',
          capability: '',
        });

        expect(second.sessionCreated).toBe(false);
        expect(second.session.model).toBe('kimi/k2');
      });

      it('records who created the session as its owner (null without a principal)', async () => {
        const store = await open();
        const owned = await store.appendUserMessage({
          sessionId: 'mine',
          owner: 'alice',
          content: 'q',
          capability: '',
        });
        const anonymous = await store.appendUserMessage({ sessionId: 'anon', content: 'q', capability: '' });

        expect(owned.session.owner).toBe('alice');
        expect((await store.getSession('mine'))?.owner).toBe('alice');
        expect(anonymous.session.owner).toBeNull();
        await store.completeTurn({ turnId: owned.turn.id, content: 'a' });
        const next = await store.appendUserMessage({
          sessionId: 'mine',
          owner: 'alice',
          content: 'q2',
          capability: '',
        });
        expect(next).toMatchObject({ sessionCreated: false, session: { owner: 'alice', messageCount: 3 } });
      });

      it('treats another owner’s session as unknown, before any other refusal, and writes nothing', async () => {
        const store = await open();
        // A running turn: the owner would get turn_in_progress, which would reveal that the session exists.
        await store.appendUserMessage({ sessionId: 's1', owner: 'alice', content: 'q', capability: '' });
        await store.appendUserMessage({ sessionId: 'anon', content: 'q', capability: '' });
        await store.endSession('anon');
        const before = {
          session: await store.getSession('s1'),
          messages: await store.listMessages('s1'),
          events: await store.eventsSince('s1', 0),
          anon: await store.eventsSince('anon', 0),
        };

        for (const owner of [{ owner: 'bob' }, { owner: null }, {}]) {
          await expectStoreError(
            store.appendUserMessage({ sessionId: 's1', ...owner, content: 'intrude', capability: '' }),
            'session_not_found',
          );
        }
        // An ownerless session (created without client keys) is not reachable with a principal either.
        await expectStoreError(
          store.appendUserMessage({ sessionId: 'anon', owner: 'alice', content: 'x', capability: '' }),
          'session_not_found',
        );
        expect(await store.getSession('s1')).toEqual(before.session);
        expect(await store.listMessages('s1')).toEqual(before.messages);
        expect(await store.eventsSince('s1', 0)).toEqual(before.events);
        expect(await store.eventsSince('anon', 0)).toEqual(before.anon);
        expect(await store.findInterruptedTurns('s1')).toHaveLength(1);
      });

      it('with existingOnly, refuses an unknown session as not found and creates nothing; a known one appends', async () => {
        const store = await open();
        await expectStoreError(
          store.appendUserMessage({ sessionId: 'chosen', existingOnly: true, content: 'q', capability: '' }),
          'session_not_found',
        );
        expect(await store.getSession('chosen')).toBeUndefined();
        expect((await store.eventsSince('chosen', 0)).events).toEqual([]);
        const { turn } = await store.appendUserMessage({ sessionId: 'known', content: 'q', capability: '' });
        await store.completeTurn({ turnId: turn.id, content: 'a' });
        const appended = await store.appendUserMessage({
          sessionId: 'known',
          existingOnly: true,
          content: 'again',
          capability: '',
        });
        expect(appended).toMatchObject({ sessionCreated: false, session: { messageCount: 3 } });
      });

      it('answers undefined and empty lists for unknown sessions and turns', async () => {
        const store = await open();
        expect(await store.getSession('nope')).toBeUndefined();
        expect(await store.getTurn('nope')).toBeUndefined();
        expect(await store.listMessages('nope')).toEqual([]);
        expect(await store.findInterruptedTurns('nope')).toEqual([]);
      });

      it('completes a turn: stores the reply, marks the turn done and the session idle', async () => {
        const store = await open();
        const { turn } = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        clock += 1_500;
        const done = await store.completeTurn({ turnId: turn.id, content: 'answer' });

        expect(done.message).toMatchObject({ seq: 2, role: 'assistant', content: 'answer', turnId: turn.id });
        expect(done.turn).toMatchObject({
          state: 'done',
          assistantMessageId: done.message.id,
          updatedAt: T0 + 1_500,
        });
        expect(done.session).toMatchObject({
          status: 'idle',
          messageCount: 2,
          updatedAt: T0 + 1_500,
          createdAt: T0,
        });
        expect(await store.findInterruptedTurns()).toEqual([]);
      });

      it('lists messages in order across turns, with the clock’s timestamps', async () => {
        const store = await open();
        for (const content of ['one', 'two', 'three']) {
          const { turn } = await store.appendUserMessage({ sessionId: 's1', content, capability: '' });
          clock += 10;
          await store.completeTurn({ turnId: turn.id, content: `re: ${content}` });
          clock += 10;
        }
        const messages = await store.listMessages('s1');

        expect(messages.map((m) => [m.seq, m.role, m.content])).toEqual([
          [1, 'user', 'one'],
          [2, 'assistant', 're: one'],
          [3, 'user', 'two'],
          [4, 'assistant', 're: two'],
          [5, 'user', 'three'],
          [6, 'assistant', 're: three'],
        ]);
        expect(messages.map((m) => m.createdAt)).toEqual([T0, T0 + 10, T0 + 20, T0 + 30, T0 + 40, T0 + 50]);
        expect((await store.getSession('s1'))?.messageCount).toBe(6);
      });

      it('refuses a second turn while one is running, and writes nothing for it', async () => {
        const store = await open();
        await store.appendUserMessage({ sessionId: 's1', content: 'first', capability: '' });
        const eventsBefore = await store.eventsSince('s1', 0);

        await expectStoreError(
          store.appendUserMessage({ sessionId: 's1', content: 'second', capability: '' }),
          'turn_in_progress',
        );
        expect((await store.listMessages('s1')).map((m) => m.content)).toEqual(['first']);
        expect(await store.eventsSince('s1', 0)).toEqual(eventsBefore);
        expect((await store.getSession('s1'))?.messageCount).toBe(1);
      });

      it('refuses to complete or fail a turn that is not running', async () => {
        const store = await open();
        const { turn } = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        await store.completeTurn({ turnId: turn.id, content: 'a' });

        await expectStoreError(store.completeTurn({ turnId: turn.id, content: 'again' }), 'turn_not_running');
        await expectStoreError(store.failTurn({ turnId: turn.id, error: 'x' }), 'turn_not_running');
        await expectStoreError(
          store.completeTurn({ turnId: 'turn_unknown', content: 'a' }),
          'turn_not_running',
        );
        expect(await store.listMessages('s1')).toHaveLength(2);
      });

      it('fails a turn: session failed with last_error; the next message still runs and keeps the last error', async () => {
        const store = await open();
        const first = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        const failed = await store.failTurn({ turnId: first.turn.id, error: 'upstream timed out' });

        expect(failed.turn).toMatchObject({
          state: 'failed',
          error: 'upstream timed out',
          assistantMessageId: null,
        });
        expect(failed.session).toMatchObject({
          status: 'failed',
          lastError: 'upstream timed out',
          messageCount: 1,
        });

        const retry = await store.appendUserMessage({
          sessionId: 's1',
          content: 'q again',
          capability: 'continue',
        });
        expect(retry.session).toMatchObject({ status: 'running', lastError: 'upstream timed out' });
        const done = await store.completeTurn({ turnId: retry.turn.id, content: 'a' });
        expect(done.session).toMatchObject({
          status: 'idle',
          lastError: 'upstream timed out',
          messageCount: 3,
        });
      });

      it('ends a session for good: no more messages or events, ending twice is a no-op', async () => {
        const store = await open();
        const { turn } = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        await store.completeTurn({ turnId: turn.id, content: 'a' });
        const ended = await store.endSession('s1');
        const { lastEventId } = await store.eventsSince('s1', 0);

        expect(ended.status).toBe('ended');
        expect(await store.endSession('s1')).toEqual(ended);
        expect((await store.eventsSince('s1', 0)).lastEventId).toBe(lastEventId);
        await expectStoreError(
          store.appendUserMessage({ sessionId: 's1', content: 'more', capability: '' }),
          'session_ended',
        );
        await expectStoreError(store.appendEvent('s1', 'delta', { text: 'x' }), 'session_ended');
        await expectStoreError(store.endSession('unknown'), 'session_not_found');
      });

      it('lets a turn running when the session ended finish, without reopening the session', async () => {
        const store = await open();
        const first = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        await store.endSession('s1');
        const done = await store.completeTurn({ turnId: first.turn.id, content: 'late answer' });
        expect(done.session.status).toBe('ended');
        expect(done.turn.state).toBe('done');
        expect((await store.eventsSince('s1', 0)).events.at(-1)?.type).toBe('turn');

        const second = await store.appendUserMessage({ sessionId: 's2', content: 'q', capability: '' });
        await store.endSession('s2');
        const failed = await store.failTurn({ turnId: second.turn.id, error: 'boom' });
        expect(failed.session).toMatchObject({ status: 'ended', lastError: 'boom' });
      });

      it('ends a session with failRunningTurn: the running turn fails in the same write, ended is the last event', async () => {
        const store = await open();
        const { turn } = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        await store.appendEvent('s1', 'delta', { text: 'par' });
        clock += 100;
        const ended = await store.endSession('s1', { failRunningTurn: 'the session was ended' });

        expect(ended).toMatchObject({
          status: 'ended',
          lastError: 'the session was ended',
          messageCount: 1,
          updatedAt: T0 + 100,
        });
        expect(await store.getTurn(turn.id)).toMatchObject({
          state: 'failed',
          error: 'the session was ended',
          assistantMessageId: null,
        });
        expect(await store.findInterruptedTurns('s1')).toEqual([]);
        const { events, lastEventId } = await store.eventsSince('s1', 0);
        expect(events.slice(-2).map((e) => [e.type, e.data['state'] ?? e.data['status']])).toEqual([
          ['turn', 'failed'],
          ['status', 'ended'],
        ]);
        expect(events.at(-1)?.data).toMatchObject({ last_error: 'the session was ended' });

        // Ending again changes nothing, and a late completion of the failed turn is refused.
        expect(await store.endSession('s1', { failRunningTurn: 'again' })).toEqual(ended);
        expect((await store.eventsSince('s1', 0)).lastEventId).toBe(lastEventId);
        await expectStoreError(store.completeTurn({ turnId: turn.id, content: 'late' }), 'turn_not_running');
        expect(await store.listMessages('s1')).toHaveLength(1);
      });

      it('ends an idle session with failRunningTurn like a plain end: no turn event, last_error kept', async () => {
        const store = await open();
        const first = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        await store.failTurn({ turnId: first.turn.id, error: 'earlier failure' });
        const { lastEventId } = await store.eventsSince('s1', 0);
        const ended = await store.endSession('s1', { failRunningTurn: 'unused' });

        expect(ended).toMatchObject({ status: 'ended', lastError: 'earlier failure' });
        const { events } = await store.eventsSince('s1', lastEventId);
        expect(events.map((e) => e.type)).toEqual(['status']);
      });

      it('finds running turns oldest first, optionally of one session', async () => {
        const store = await open();
        const a = await store.appendUserMessage({ sessionId: 'a', content: 'qa', capability: '' });
        clock += 1;
        const b = await store.appendUserMessage({ sessionId: 'b', content: 'qb', capability: 'resume' });
        clock += 1;
        const c = await store.appendUserMessage({ sessionId: 'c', content: 'qc', capability: '' });
        await store.completeTurn({ turnId: c.turn.id, content: 'done' });

        expect((await store.findInterruptedTurns()).map((t) => t.id)).toEqual([a.turn.id, b.turn.id]);
        expect(await store.findInterruptedTurns('b')).toEqual([b.turn]);
        expect(await store.findInterruptedTurns('c')).toEqual([]);
      });

      it('returns copies: mutating what a read returned changes nothing stored', async () => {
        const store = await open();
        await store.appendUserMessage({ sessionId: 's1', content: 'original', capability: '' });
        const messages = (await store.listMessages('s1')) as unknown as { content: string }[];
        const session = (await store.getSession('s1')) as { status: string };
        const page = await store.eventsSince('s1', 0);
        const turns = (await store.findInterruptedTurns()) as unknown as { state: string }[];

        messages[0]!.content = 'tampered';
        messages.push({ content: 'extra' });
        session.status = 'ended';
        (page.events[0]!.data as Record<string, unknown>)['status'] = 'tampered';
        turns[0]!.state = 'done';

        expect((await store.listMessages('s1')).map((m) => m.content)).toEqual(['original']);
        expect((await store.getSession('s1'))?.status).toBe('running');
        expect((await store.eventsSince('s1', 0)).events[0]?.data['status']).toBe('running');
        expect((await store.findInterruptedTurns())[0]?.state).toBe('running');
      });
    });

    describe('event log', () => {
      it('logs status, message and turn events with ids 1, 2, 3… for a whole turn', async () => {
        const store = await open();
        const appended = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        const delta = await store.appendEvent('s1', 'delta', { text: 'an' });
        const done = await store.completeTurn({ turnId: appended.turn.id, content: 'answer' });
        const page = await store.eventsSince('s1', 0);

        expect(delta).toEqual({ sessionId: 's1', id: 4, type: 'delta', data: { text: 'an' }, createdAt: T0 });
        expect(page.events.map((e) => [e.id, e.type])).toEqual([
          [1, 'status'],
          [2, 'message'],
          [3, 'turn'],
          [4, 'delta'],
          [5, 'message'],
          [6, 'turn'],
          [7, 'status'],
        ]);
        expect(page).toMatchObject({ windowExceeded: false, lastEventId: 7 });
        expect(page.events[0]?.data).toMatchObject({ session_id: 's1', status: 'running', message_count: 1 });
        expect(page.events[1]?.data).toMatchObject({
          message_id: appended.message.id,
          role: 'user',
          content: 'q',
        });
        expect(page.events[4]?.data).toMatchObject({
          message_id: done.message.id,
          role: 'assistant',
          content: 'answer',
        });
        expect(page.events[5]?.data).toMatchObject({ turn_id: appended.turn.id, state: 'done' });
        expect(page.events[6]?.data).toMatchObject({
          status: 'idle',
          updated_at: new Date(T0).toISOString(),
        });
      });

      it('reads after an id, with an optional limit', async () => {
        const store = await open();
        await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        for (let index = 0; index < 5; index += 1) await store.appendEvent('s1', 'delta', { index });

        expect((await store.eventsSince('s1', 5)).events.map((e) => e.id)).toEqual([6, 7, 8]);
        expect((await store.eventsSince('s1', 2, 2)).events.map((e) => e.id)).toEqual([3, 4]);
        expect((await store.eventsSince('s1', 8)).events).toEqual([]);
        expect((await store.eventsSince('s1', 99)).events).toEqual([]);
      });

      it('keeps logs per session: ids of one session do not advance another’s', async () => {
        const store = await open();
        await store.appendUserMessage({ sessionId: 'a', content: 'q', capability: '' });
        await store.appendEvent('a', 'delta', { text: 'x' });
        await store.appendUserMessage({ sessionId: 'b', content: 'q', capability: '' });

        expect((await store.eventsSince('b', 0)).events.map((e) => e.id)).toEqual([1, 2, 3]);
        expect((await store.eventsSince('a', 0)).lastEventId).toBe(4);
      });

      it('treats an unknown session as an empty log and refuses ids that are not non-negative integers', async () => {
        const store = await open();
        expect(await store.eventsSince('nope', 0)).toEqual({
          events: [],
          windowExceeded: false,
          lastEventId: 0,
        });
        await expectStoreError(store.appendEvent('nope', 'delta', {}), 'session_not_found');
        await expect(store.eventsSince('nope', -1)).rejects.toThrow(RangeError);
        await expect(store.eventsSince('nope', 1.5)).rejects.toThrow(RangeError);
      });

      it('keeps only the newest maxEventsPerSession events and says when a replay asks for pruned ones', async () => {
        const store = await open({ eventRetention: { maxEventsPerSession: 5, maxEventAgeMs: 60_000 } });
        await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
        for (let index = 0; index < 7; index += 1) await store.appendEvent('s1', 'delta', { index });

        const fromRetained = await store.eventsSince('s1', 5);
        expect(fromRetained.events.map((e) => e.id)).toEqual([6, 7, 8, 9, 10]);
        expect(fromRetained.windowExceeded).toBe(false);

        const fromPruned = await store.eventsSince('s1', 4);
        expect(fromPruned.events.map((e) => e.id)).toEqual([6, 7, 8, 9, 10]);
        expect(fromPruned.windowExceeded).toBe(true);
        expect((await store.eventsSince('s1', 0)).windowExceeded).toBe(true);
      });

      it('prunes events older than maxEventAgeMs and never reuses their ids', async () => {
        const store = await open({ eventRetention: { maxEventsPerSession: 100, maxEventAgeMs: 1_000 } });
        await store.appendUserMessage({ sessionId: 'old', content: 'q', capability: '' });
        clock += 2_000;
        await store.appendEvent('old', 'delta', { text: 'recent' });
        await store.appendUserMessage({ sessionId: 'new', content: 'q', capability: '' });

        expect(await store.pruneEvents()).toBe(3);
        expect(await store.pruneEvents()).toBe(0);
        const page = await store.eventsSince('old', 0);
        expect(page.events.map((e) => e.id)).toEqual([4]);
        expect(page.windowExceeded).toBe(true);
        expect((await store.eventsSince('old', 3)).windowExceeded).toBe(false);
        expect((await store.eventsSince('new', 0)).events).toHaveLength(3);

        expect(await store.pruneEvents(clock + 5_000)).toBe(4);
        const emptied = await store.eventsSince('old', 0);
        expect(emptied).toEqual({ events: [], windowExceeded: true, lastEventId: 4 });
        expect((await store.appendEvent('old', 'delta', { text: 'next' })).id).toBe(5);
      });
    });

    describe('idempotency records', () => {
      const scope: IdempotencyScope = { principal: 'ci', route: 'POST /message', keyHash: 'a'.repeat(64) };
      const claim = (overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
        scope,
        fingerprint: 'fp-1',
        claimId: 'claim-1',
        now: T0,
        expiresAt: T0 + 1_000,
        leaseExpiresAt: T0 + 100,
        ...overrides,
      });
      const response = { status: 202, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };

      it('lets exactly the first claim in; later claims see the in-flight record, then the completed one', async () => {
        const store = await open();
        expect(await store.claimIdempotencyKey(claim())).toEqual({ kind: 'claimed' });
        expect(await store.claimIdempotencyKey(claim({ claimId: 'claim-2', fingerprint: 'fp-2' }))).toEqual({
          kind: 'existing',
          record: {
            scope,
            fingerprint: 'fp-1',
            state: 'in_flight',
            claimId: 'claim-1',
            response: null,
            createdAt: T0,
            expiresAt: T0 + 1_000,
            leaseExpiresAt: T0 + 100,
          },
        });

        expect(await store.completeIdempotencyKey(scope, 'claim-2', response, T0 + 5_000)).toBe(false);
        expect(await store.completeIdempotencyKey(scope, 'claim-1', response, T0 + 5_000)).toBe(true);
        expect(await store.completeIdempotencyKey(scope, 'claim-1', response, T0 + 5_000)).toBe(false);
        const later = await store.claimIdempotencyKey(claim({ claimId: 'claim-3', now: T0 + 500 }));
        expect(later).toMatchObject({
          kind: 'existing',
          record: { state: 'completed', response, expiresAt: T0 + 5_000 },
        });
      });

      it('keeps scopes apart: another principal or route with the same key hash is a new record', async () => {
        const store = await open();
        await store.claimIdempotencyKey(claim());
        expect(await store.claimIdempotencyKey(claim({ scope: { ...scope, principal: 'other' } }))).toEqual({
          kind: 'claimed',
        });
        expect(
          await store.claimIdempotencyKey(claim({ scope: { ...scope, route: 'POST /v1/messages' } })),
        ).toEqual({
          kind: 'claimed',
        });
      });

      it('releases only an in-flight claim, and only for its holder', async () => {
        const store = await open();
        await store.claimIdempotencyKey(claim());
        expect(await store.releaseIdempotencyKey(scope, 'someone-else')).toBe(false);
        expect(await store.releaseIdempotencyKey(scope, 'claim-1')).toBe(true);
        expect(await store.claimIdempotencyKey(claim({ claimId: 'claim-2' }))).toEqual({ kind: 'claimed' });
        await store.completeIdempotencyKey(scope, 'claim-2', response, T0 + 1_000);
        expect(await store.releaseIdempotencyKey(scope, 'claim-2')).toBe(false);
      });

      it('forgets an expired record, and an in-flight claim whose lease ran out', async () => {
        const store = await open();
        await store.claimIdempotencyKey(claim());
        await store.completeIdempotencyKey(scope, 'claim-1', response, T0 + 1_000);
        expect((await store.claimIdempotencyKey(claim({ claimId: 'c2', now: T0 + 999 }))).kind).toBe(
          'existing',
        );
        expect(
          await store.claimIdempotencyKey(
            claim({ claimId: 'c3', now: T0 + 1_000, leaseExpiresAt: T0 + 1_100, expiresAt: T0 + 5_000 }),
          ),
        ).toEqual({ kind: 'claimed' });

        expect((await store.claimIdempotencyKey(claim({ claimId: 'c4', now: T0 + 1_099 }))).kind).toBe(
          'existing',
        );
        expect(await store.claimIdempotencyKey(claim({ claimId: 'c5', now: T0 + 1_100 }))).toEqual({
          kind: 'claimed',
        });
        expect(await store.completeIdempotencyKey(scope, 'c3', response, T0 + 9_000)).toBe(false);
      });

      it('sweeps expired records and lapsed claims, keeping live ones', async () => {
        const store = await open();
        const key = (n: number): IdempotencyScope => ({ ...scope, keyHash: String(n).repeat(64) });
        await store.claimIdempotencyKey(claim({ scope: key(1) }));
        await store.completeIdempotencyKey(key(1), 'claim-1', response, T0 + 1_000);
        await store.claimIdempotencyKey(claim({ scope: key(2), leaseExpiresAt: T0 + 100 }));
        await store.claimIdempotencyKey(
          claim({ scope: key(3), leaseExpiresAt: T0 + 5_000, expiresAt: T0 + 5_000 }),
        );

        expect(await store.sweepIdempotencyKeys(T0 + 99)).toBe(0);
        expect(await store.sweepIdempotencyKeys(T0 + 1_000)).toBe(2);
        expect((await store.claimIdempotencyKey(claim({ scope: key(3), now: T0 + 1_000 }))).kind).toBe(
          'existing',
        );
        expect(await store.claimIdempotencyKey(claim({ scope: key(1), now: T0 + 1_000 }))).toEqual({
          kind: 'claimed',
        });
      });
    });
  });
}
