import { mkdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { text, type Row } from './row-reader.ts';

/** The database file inside the data directory (WAL mode adds `-wal` and `-shm` next to it). */
export const DATABASE_FILE_NAME = 'switchyard.sqlite';

export interface DatabaseLocation {
  /** Created (mode 0700) when missing. */
  readonly dataDir: string;
  /** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /**
   * `normal` (default): with WAL, committed transactions survive a process crash (kill -9); only an OS crash
   * or power cut may lose the last few. `full`: fsync on every commit, so they survive those too, at the cost
   * of a disk flush per write (a streamed reply writes many delta events).
   */
  readonly synchronous?: 'normal' | 'full';
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}

/** Opens (creating when missing) the database with the pragmas every connection needs. */
export function openDatabase(location: DatabaseLocation): DatabaseSync {
  mkdirSync(location.dataDir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(databasePath(location.dataDir), {
    timeout: location.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    enableForeignKeyConstraints: true,
  });
  try {
    // WAL: readers never block the writer and vice versa, and a crash mid-write leaves the main file intact.
    const mode = text(db.prepare('PRAGMA journal_mode = WAL').get() as Row, 'journal_mode');
    if (mode !== 'wal') {
      throw new Error(
        `SQLite refused WAL mode for ${location.dataDir} (got ${mode}); use a local filesystem`,
      );
    }
    db.exec(`PRAGMA synchronous = ${location.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.exec('PRAGMA foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
