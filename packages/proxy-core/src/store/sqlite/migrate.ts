import type { DatabaseSync } from 'node:sqlite';
import { StoreError } from '../errors.ts';
import type { Migration } from './migrations.ts';
import { integer, type Row } from './row-reader.ts';
import { inTransaction } from './transaction.ts';

/**
 * Brings the database up to the newest migration. Each migration runs in its own transaction together with
 * its `schema_migrations` row, so a crash or a failing statement leaves the schema at the previous version,
 * never in between. Another process migrating the same file at the same time is safe: the applied check is
 * repeated inside the write lock. Returns the versions this call applied.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[], now: number): number[] {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const newestKnown = migrations.at(-1)?.version ?? 0;
  const newestApplied = currentVersion(db);
  if (newestApplied > newestKnown) {
    throw new StoreError(
      'schema_too_new',
      `the database is at schema version ${newestApplied} but this build knows only up to ${newestKnown}; ` +
        'run a newer Switchyard or point it at another data directory',
    );
  }

  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    inTransaction(db, () => {
      if (isApplied.get(migration.version) !== undefined) return;
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new Error(`schema migration ${migration.version} (${migration.name}) failed`, { cause: error });
      }
      record.run(migration.version, migration.name, now);
      applied.push(migration.version);
    });
  }
  return applied;
}

/** The newest applied migration version (0 for a fresh database). */
export function currentVersion(db: DatabaseSync): number {
  const row = db.prepare('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').get() as Row;
  return integer(row, 'version');
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.version ?? 0);
    if (!Number.isSafeInteger(migration.version) || migration.version <= previous) {
      throw new Error(
        `migration versions must be whole numbers in strictly ascending order; ${migration.version} follows ${previous}`,
      );
    }
  });
}
