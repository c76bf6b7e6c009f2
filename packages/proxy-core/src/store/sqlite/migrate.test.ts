import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../errors.ts';
import { currentVersion, migrate } from './migrate.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

const tables = (db: DatabaseSync): string[] =>
  db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .all()
    .map((row) => String(row['name']));

describe('migrate', () => {
  let dir: string;
  let db: DatabaseSync;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sy-migrate-'));
    db = new DatabaseSync(join(dir, 'test.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration to a fresh database, in order, and records each', () => {
    const steps: Migration[] = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y TEXT' },
      { version: 5, name: 'c', sql: 'CREATE TABLE c (z INTEGER)' },
    ];
    expect(migrate(db, steps, 1_000)).toEqual([1, 2, 5]);
    expect(currentVersion(db)).toBe(5);
    expect(
      db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all(),
    ).toEqual([
      { version: 1, name: 'a', applied_at: 1_000 },
      { version: 2, name: 'b', applied_at: 1_000 },
      { version: 5, name: 'c', applied_at: 1_000 },
    ]);
    expect(
      db
        .prepare('SELECT name FROM pragma_table_info(?)')
        .all('a')
        .map((row) => row['name']),
    ).toEqual(['x', 'y']);
  });

  it('applies only what is new on the next start', () => {
    const first: Migration[] = [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' }];
    migrate(db, first, 1);
    expect(migrate(db, first, 2)).toEqual([]);
    expect(migrate(db, [...first, { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER)' }], 3)).toEqual([
      2,
    ]);
    expect(tables(db)).toEqual(['a', 'b', 'schema_migrations']);
  });

  it('rolls a failing migration back whole: nothing of it is left, earlier ones stay', () => {
    const steps: Migration[] = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;' },
    ];
    expect(() => migrate(db, steps, 1)).toThrow(/schema migration 2 \(broken\) failed/);
    expect(currentVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a', 'schema_migrations']);
    expect(db.isTransaction).toBe(false);
  });

  it('refuses migrations that are not in strictly ascending order', () => {
    const a = { name: 'a', sql: 'SELECT 1' };
    expect(() =>
      migrate(
        db,
        [
          { version: 2, ...a },
          { version: 1, ...a },
        ],
        1,
      ),
    ).toThrow(/strictly ascending/);
    expect(() =>
      migrate(
        db,
        [
          { version: 1, ...a },
          { version: 1, ...a },
        ],
        1,
      ),
    ).toThrow(/strictly ascending/);
    expect(() => migrate(db, [{ version: 0, ...a }], 1)).toThrow(/strictly ascending/);
    expect(() => migrate(db, [{ version: 1.5, ...a }], 1)).toThrow(/strictly ascending/);
    expect(tables(db)).toEqual([]);
  });

  it('refuses a database written by a newer build instead of corrupting it', () => {
    migrate(
      db,
      [
        { version: 1, name: 'a', sql: 'SELECT 1' },
        { version: 2, name: 'b', sql: 'SELECT 1' },
      ],
      1,
    );
    const error: unknown = (() => {
      try {
        migrate(db, [{ version: 1, name: 'a', sql: 'SELECT 1' }], 2);
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('schema_too_new');
    expect((error as StoreError).message).toMatch(/schema version 2 .* only up to 1/);
  });

  it('upgrades a version-1 database to version 2: existing sessions get owner NULL, new ones take one', () => {
    const v1 = MIGRATIONS.filter((migration) => migration.version === 1);
    migrate(db, v1, 1);
    db.exec(
      `INSERT INTO sessions (id, model, status, message_count, created_at, updated_at)
       VALUES ('old', 'mock', 'idle', 0, 1, 1)`,
    );
    const columns = (): unknown[] =>
      db
        .prepare('SELECT name FROM pragma_table_info(?)')
        .all('sessions')
        .map((row) => row['name']);
    expect(columns()).not.toContain('owner');

    expect(migrate(db, MIGRATIONS, 2)).toEqual([2]);
    expect(currentVersion(db)).toBe(2);
    expect(columns()).toContain('owner');
    expect(db.prepare(`SELECT id, model, owner FROM sessions`).all()).toEqual([
      { id: 'old', model: 'mock', owner: null },
    ]);
    db.exec(
      `INSERT INTO sessions (id, model, owner, status, created_at, updated_at)
       VALUES ('new', 'mock', 'alice', 'idle', 2, 2)`,
    );
    expect(db.prepare(`SELECT owner FROM sessions WHERE id = 'new'`).get()).toEqual({ owner: 'alice' });
    expect(migrate(db, MIGRATIONS, 3)).toEqual([]);
  });

  it('builds the real schema with its constraints', () => {
    migrate(db, MIGRATIONS, 1);
    expect(tables(db)).toEqual([
      'events',
      'idempotency_keys',
      'messages',
      'schema_migrations',
      'sessions',
      'turns',
    ]);
    expect(() =>
      db.exec(
        `INSERT INTO sessions (id, model, status, created_at, updated_at) VALUES ('s', 'm', 'bogus', 1, 1)`,
      ),
    ).toThrow(/CHECK constraint failed/);
  });
});
