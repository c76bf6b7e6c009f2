/**
 * Opens the control-plane store the configuration names: SQLite in the data directory (the default, one
 * process) or Redis (several replicas sharing sessions, events and idempotency records).
 */
import type { SwitchyardConfig } from '../config/schema.ts';
import type { ControlPlaneStore } from './control-plane-store.ts';
import type { EventRetention } from './event-retention.ts';
import { RedisStore } from './redis/redis-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

export type StoreConfig = SwitchyardConfig['controlPlane']['store'];

export interface StoreSettings {
  readonly store: StoreConfig;
  /** Absolute path of the data directory (SQLite's home; unused by Redis). */
  readonly dataDir: string;
  readonly eventRetention: EventRetention;
}

export async function openConfiguredStore(settings: StoreSettings): Promise<ControlPlaneStore> {
  const { store, dataDir, eventRetention } = settings;
  if (store.kind === 'sqlite') return SqliteStore.open({ dataDir, eventRetention });
  return await RedisStore.open({
    url: store.url,
    keyPrefix: store.keyPrefix,
    replicaLeaseMs: store.replicaLeaseMs,
    eventRetention,
  });
}

/** Secrets a store setting holds (a password in the Redis URL), so logs and errors never show them. */
export function storeSecrets(store: StoreConfig): string[] {
  if (store.kind !== 'redis') return [];
  try {
    const password = decodeURIComponent(new URL(store.url).password);
    return password === '' ? [] : [password];
  } catch {
    return [];
  }
}

/** How `switchyard config check` and the startup log describe the store, without secrets. */
export function describeStore(store: StoreConfig, dataDir: string | undefined): string {
  if (store.kind === 'sqlite') return `sqlite in ${dataDir ?? 'the default data directory'}`;
  const url = new URL(store.url);
  if (url.password !== '') url.password = '***';
  return `redis at ${url.toString()} (key prefix ${store.keyPrefix})`;
}
