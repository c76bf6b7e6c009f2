/** The control-plane store: the contract, its two implementations and their settings. */
export type {
  AppendedUserMessage,
  AppendUserMessageInput,
  ClaimOutcome,
  CompleteTurnInput,
  ControlPlaneStore,
  EndSessionOptions,
  FailTurnInput,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyScope,
  IdempotencyStore,
  SessionStore,
  StoredResponse,
  TurnWrite,
} from './control-plane-store.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export { DEFAULT_EVENT_RETENTION, type EventRetention } from './event-retention.ts';
export { newSessionId } from './ids.ts';
export { MemoryStore } from './memory-store.ts';
export { DEFAULT_SESSION_MODEL, type StoreOptions } from './store-options.ts';
export { DATABASE_FILE_NAME, DEFAULT_BUSY_TIMEOUT_MS, databasePath } from './sqlite/open-database.ts';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
export { RedisStore, type RedisStoreOptions } from './redis/redis-store.ts';
export { describeStore, openConfiguredStore, type StoreConfig } from './open-store.ts';
