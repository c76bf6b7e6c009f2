/**
 * The Redis connection the store uses. Client: node-redis (`@redis/client`, the core of the `redis` package),
 * because it is the client Redis itself maintains and documents, ships its own TypeScript types, reconnects
 * with backoff and re-subscribes pub/sub channels after a reconnect. (ioredis is also well kept, but its
 * maintainers point new projects to node-redis.) Only the core package is used: none of the module commands
 * (search, JSON, time series) the `redis` meta-package bundles.
 */
import { createClient } from '@redis/client';

const STARTUP_ATTEMPTS = 3;

/** The URL without its password, for error messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable redis url>';
  }
}

export type RedisStoreClient = ReturnType<typeof createStoreClient>;

export interface RedisConnectionOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…` for TLS. */
  readonly url: string;
  /** How long one connection attempt may take. */
  readonly connectTimeoutMs?: number;
}

/** Connects one client; rejects when the server cannot be reached (the caller decides to retry or fail). */
export async function connectRedis(options: RedisConnectionOptions): Promise<RedisStoreClient> {
  const client = createStoreClient(options);
  // node-redis emits connection errors as events; without a listener they would crash the process. The store
  // surfaces failures through the rejected commands themselves.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

function createStoreClient(options: RedisConnectionOptions) {
  let everConnected = false;
  const client = createClient({
    url: options.url,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      // Keep retrying after a lost connection (a restarted Redis), at most every 2 s; commands issued
      // meanwhile fail fast instead of queueing (see disableOfflineQueue).
      // Startup gives up after a few attempts, so a wrong URL is a clear error, not a hang.
      reconnectStrategy: (retries: number, cause: Error) =>
        !everConnected && retries >= STARTUP_ATTEMPTS
          ? new Error(`could not connect to Redis at ${redactedUrl(options.url)}: ${cause.message}`)
          : Math.min(50 * 2 ** retries, 2_000),
    },
    // While disconnected a write must fail at once with a clear error, not wait in a queue and land later.
    disableOfflineQueue: true,
  });
  client.on('ready', () => {
    everConnected = true;
  });
  return client;
}
