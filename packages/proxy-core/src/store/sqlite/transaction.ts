import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` inside one transaction: committed when it returns, rolled back when it throws.
 *
 * `write` (the default) is BEGIN IMMEDIATE, which takes the write lock up front. A deferred transaction that reads first and writes later can
 * hit SQLITE_BUSY at the upgrade when another process wrote meanwhile, and busy_timeout cannot help there;
 * taking the lock first means concurrent writers simply queue (up to busy_timeout). `read` is a plain BEGIN:
 * a consistent WAL snapshot for several SELECTs that never blocks writers.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T, mode: 'write' | 'read' = 'write'): T {
  db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // A failed COMMIT may already have ended the transaction; only roll back one that is still open.
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
