/** What only the SQLite store promises: files, pragmas, durability across restarts and kill -9, rollback. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapabilityLabel } from '../records.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';
import { databasePath, DATABASE_FILE_NAME, openDatabase } from './open-database.ts';
import { SqliteStore } from './sqlite-store.ts';

describe('SqliteStore', () => {
  let root: string;
  let dataDir: string;
  const stores: SqliteStore[] = [];
  const open = (extra: Partial<Parameters<typeof SqliteStore.open>[0]> = {}): SqliteStore => {
    const store = SqliteStore.open({ dataDir, ...extra });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sy-sqlite-'));
    dataDir = join(root, 'nested', 'data');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data directory (owner-only) and one database file in WAL mode', async () => {
    const store = open();
    await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(true);
    expect(existsSync(`${databasePath(dataDir)}-wal`)).toBe(true);
  });

  it('sets WAL, foreign keys, the busy timeout and the synchronous level on every connection', () => {
    const pragma = (db: DatabaseSync, name: string): unknown =>
      Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0];
    const normal = openDatabase({ dataDir, busyTimeoutMs: 1234 });
    const full = openDatabase({ dataDir, synchronous: 'full' });
    try {
      expect(pragma(normal, 'journal_mode')).toBe('wal');
      expect(pragma(normal, 'foreign_keys')).toBe(1);
      expect(pragma(normal, 'busy_timeout')).toBe(1234);
      expect(pragma(normal, 'synchronous')).toBe(1);
      expect(pragma(full, 'synchronous')).toBe(2);
      expect(pragma(full, 'busy_timeout')).toBe(5000);
    } finally {
      normal.close();
      full.close();
    }
  });

  it('keeps everything across a restart on the same data directory', async () => {
    const first = open();
    const appended = await first.appendUserMessage({ sessionId: 's1', content: 'q', capability: 'continue' });
    await first.completeTurn({ turnId: appended.turn.id, content: 'a' });
    const before = {
      session: await first.getSession('s1'),
      messages: await first.listMessages('s1'),
      events: await first.eventsSince('s1', 0),
    };
    await first.close();
    await first.close();

    const second = open();
    expect(await second.getSession('s1')).toEqual(before.session);
    expect(await second.listMessages('s1')).toEqual(before.messages);
    expect(await second.eventsSince('s1', 0)).toEqual(before.events);
    expect((await second.appendEvent('s1', 'delta', {})).id).toBe(before.events.lastEventId + 1);
  });

  it('opens a data directory written at schema version 1: its sessions have no owner and keep working', async () => {
    const v1 = openDatabase({ dataDir });
    migrate(
      v1,
      MIGRATIONS.filter((migration) => migration.version === 1),
      1,
    );
    v1.exec(
      `INSERT INTO sessions (id, model, status, message_count, created_at, updated_at)
       VALUES ('old', 'mock-large', 'idle', 0, 1, 1)`,
    );
    v1.close();

    const store = open();
    expect(await store.getSession('old')).toMatchObject({ id: 'old', model: 'mock-large', owner: null });
    await expect(
      store.appendUserMessage({ sessionId: 'old', owner: 'alice', content: 'q', capability: '' }),
    ).rejects.toMatchObject({ code: 'session_not_found' });
    const appended = await store.appendUserMessage({ sessionId: 'old', content: 'q', capability: '' });
    expect(appended).toMatchObject({ sessionCreated: false, session: { owner: null, messageCount: 1 } });
  });

  it('rolls a write back whole when it fails half-way: no session, turn or event from it remains', async () => {
    const store = open();
    // node:sqlite refuses to bind a symbol; the message insert is the third statement of the transaction,
    // after the session and turn rows were written.
    const broken = {
      sessionId: 's1',
      content: Symbol('not text') as unknown as string,
      capability: '' as CapabilityLabel,
    };
    await expect(store.appendUserMessage(broken)).rejects.toThrow();

    expect(await store.getSession('s1')).toBeUndefined();
    expect(await store.findInterruptedTurns()).toEqual([]);
    const ok = await store.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
    expect(ok.message.seq).toBe(1);
    expect((await store.eventsSince('s1', 0)).events.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('applies a lowered count limit to existing logs when pruning after a restart', async () => {
    const generous = open();
    await generous.appendUserMessage({ sessionId: 's1', content: 'q', capability: '' });
    for (let index = 0; index < 7; index += 1) await generous.appendEvent('s1', 'delta', { index });
    await generous.close();

    const strict = open({ eventRetention: { maxEventsPerSession: 4, maxEventAgeMs: 3_600_000 } });
    expect(await strict.pruneEvents()).toBe(6);
    const page = await strict.eventsSince('s1', 0);
    expect(page.events.map((e) => e.id)).toEqual([7, 8, 9, 10]);
    expect(page.windowExceeded).toBe(true);
  });

  it('refuses invalid retention settings', () => {
    expect(() => open({ eventRetention: { maxEventsPerSession: 0, maxEventAgeMs: 1 } })).toThrow(
      /maxEventsPerSession/,
    );
    expect(() => open({ eventRetention: { maxEventsPerSession: 1, maxEventAgeMs: 0 } })).toThrow(
      /maxEventAgeMs/,
    );
  });

  it('survives kill -9 in the middle of completing a turn: the turn is resumable, nothing is half-written', async () => {
    const storeUrl = pathToFileURL(join(import.meta.dirname, 'sqlite-store.ts')).href;
    // The child stores a user message and a delta (committed), then is killed while a completeTurn-shaped
    // transaction (assistant message + turn marked done) is written but not committed.
    const child = `
      import { DatabaseSync } from 'node:sqlite';
      const { SqliteStore } = await import(${JSON.stringify(storeUrl)});
      const dataDir = ${JSON.stringify(dataDir)};
      const store = SqliteStore.open({ dataDir });
      const { turn } = await store.appendUserMessage({ sessionId: 's1', content: 'question', capability: '' });
      await store.appendEvent('s1', 'delta', { text: 'partial' });
      const raw = new DatabaseSync(${JSON.stringify(databasePath(dataDir))});
      raw.exec('BEGIN IMMEDIATE');
      raw.prepare("INSERT INTO messages (id, session_id, seq, role, content, turn_id, created_at) VALUES ('msg_lost', 's1', 2, 'assistant', 'lost', ?, 0)").run(turn.id);
      raw.prepare("UPDATE turns SET state = 'done', assistant_message_id = 'msg_lost' WHERE id = ?").run(turn.id);
      raw.prepare("UPDATE sessions SET status = 'idle', message_count = 2 WHERE id = 's1'").run();
      process.stdout.write(turn.id);
      process.kill(process.pid, 'SIGKILL');
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', child], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.signal, result.stderr).toBe('SIGKILL');
    const turnId = result.stdout;
    expect(turnId).toMatch(/^turn_/);

    const store = open();
    const interrupted = await store.findInterruptedTurns();
    expect(interrupted.map((turn) => [turn.id, turn.state, turn.assistantMessageId])).toEqual([
      [turnId, 'running', null],
    ]);
    expect((await store.listMessages('s1')).map((m) => [m.role, m.content])).toEqual([['user', 'question']]);
    expect(await store.getSession('s1')).toMatchObject({ status: 'running', messageCount: 1 });
    expect((await store.eventsSince('s1', 0)).events.map((e) => e.type)).toEqual([
      'status',
      'message',
      'turn',
      'delta',
    ]);

    const check = new DatabaseSync(databasePath(dataDir));
    try {
      expect(check.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      expect(check.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      check.close();
    }

    // Resuming finishes the interrupted turn without re-running anything that completed.
    const done = await store.completeTurn({ turnId, content: 'answer' });
    expect(done.session).toMatchObject({ status: 'idle', messageCount: 2 });
    expect((await store.listMessages('s1')).map((m) => m.content)).toEqual(['question', 'answer']);
  });
});
