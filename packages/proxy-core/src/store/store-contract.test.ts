/**
 * The ControlPlaneStore contract (testing/store-contract.ts) against the in-process stores, so MemoryStore
 * (unit tests) cannot drift from SqliteStore (production). RedisStore runs the same suite in the contracts lane.
 */
import { MemoryStore } from './memory-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import { describeStoreContract } from './testing/store-contract.ts';

describeStoreContract('MemoryStore', (now, setup) => new MemoryStore({ now, ...setup }));
describeStoreContract('SqliteStore', (now, setup, dir) => SqliteStore.open({ dataDir: dir, now, ...setup }));
