/**
 * The schema, as an append-only list of migrations. Never edit a released migration: add the next version.
 * Each one runs in its own transaction and is recorded in `schema_migrations`.
 */
export interface Migration {
  /** 1, 2, 3…: applied in ascending order, each exactly once per database. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'control plane: sessions, messages, turns, events, idempotency keys',
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('idle', 'running', 'failed', 'ended')),
        message_count INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
        last_error TEXT,
        -- The event id counter lives here, not in MAX(events.id), so ids are never reused after pruning.
        last_event_id INTEGER NOT NULL DEFAULT 0,
        -- The highest event id retention deleted: a replay from below it has missed events.
        events_pruned_through INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- turns and messages reference each other; the turn→message references are checked at COMMIT so a
      -- transaction may insert the turn first and its user message second.
      CREATE TABLE turns (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
        capability TEXT NOT NULL CHECK (capability IN ('', 'continue', 'resume')),
        user_message_id TEXT NOT NULL REFERENCES messages (id) DEFERRABLE INITIALLY DEFERRED,
        assistant_message_id TEXT REFERENCES messages (id) DEFERRABLE INITIALLY DEFERRED,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((state = 'done') = (assistant_message_id IS NOT NULL)),
        CHECK ((state = 'failed') = (error IS NOT NULL))
      ) STRICT;
      -- At most one running turn per session, enforced by the database itself. It also serves
      -- findInterruptedTurns (WHERE state = 'running').
      CREATE UNIQUE INDEX turns_one_running_per_session ON turns (session_id) WHERE state = 'running';
      CREATE INDEX turns_by_session ON turns (session_id);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        content TEXT NOT NULL,
        turn_id TEXT NOT NULL REFERENCES turns (id),
        created_at INTEGER NOT NULL,
        UNIQUE (session_id, seq)
      ) STRICT;

      CREATE TABLE events (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        id INTEGER NOT NULL CHECK (id >= 1),
        type TEXT NOT NULL CHECK (type IN ('status', 'message', 'delta', 'turn')),
        data TEXT NOT NULL CHECK (json_valid(data)),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX events_by_age ON events (created_at);

      -- Only a SHA-256 of the client's Idempotency-Key is stored (key_hash), never the key.
      CREATE TABLE idempotency_keys (
        principal TEXT NOT NULL,
        route TEXT NOT NULL,
        key_hash TEXT NOT NULL CHECK (length(key_hash) = 64),
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('in_flight', 'completed')),
        claim_id TEXT NOT NULL,
        response_status INTEGER,
        response_headers TEXT CHECK (response_headers IS NULL OR json_valid(response_headers)),
        response_body TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        lease_expires_at INTEGER NOT NULL,
        PRIMARY KEY (principal, route, key_hash),
        CHECK ((state = 'completed') = (response_status IS NOT NULL))
      ) STRICT;
      CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
    `,
  },
  {
    version: 2,
    name: 'sessions: owner (the principal that created the session)',
    // NULL: created without client keys. Sessions from version 1 predate ownership, so they get NULL too.
    sql: `ALTER TABLE sessions ADD COLUMN owner TEXT;`,
  },
];
