/** The engine's contract (store/testing/idempotency-contract.ts) over the in-process stores. */
import { MemoryStore } from '../store/memory-store.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { describeIdempotencyContract } from '../store/testing/idempotency-contract.ts';

describeIdempotencyContract('MemoryStore', () => new MemoryStore());
describeIdempotencyContract('SqliteStore', (dir) => SqliteStore.open({ dataDir: dir }));
