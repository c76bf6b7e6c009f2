/**
 * A replica set for tests: one real redis-server (testkit, free loopback port) and several BUILT proxy
 * processes configured with `controlPlane.store: {kind: redis}` on it, each on its own free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProxy, writeConfig, type ProxyProcess } from '@switchyard/e2e/proxy-process';
import { startRedisServer, type RunningRedis } from '@switchyard/testkit/redis-server';

export interface ReplicaOptions {
  /** Milliseconds before a `[mock:slow-first-token]` turn answers on this replica. */
  readonly slowFirstTokenMs?: number;
  /** Milliseconds between the mock's chunks (deltas). */
  readonly chunkIntervalMs?: number;
}

export class ReplicaSet {
  readonly redis: RunningRedis;
  readonly replicas: ProxyProcess[] = [];
  readonly #dir: string;

  private constructor(redis: RunningRedis, dir: string) {
    this.redis = redis;
    this.#dir = dir;
  }

  /** Redis with its append-only file on, so a restart keeps every acknowledged write. */
  static async start(): Promise<ReplicaSet> {
    return new ReplicaSet(
      await startRedisServer({ appendOnly: true }),
      mkdtempSync(join(tmpdir(), 'sy-replicas-')),
    );
  }

  async add(options: ReplicaOptions = {}): Promise<ProxyProcess> {
    const index = this.replicas.length;
    const config = {
      logging: { level: 'warn' },
      controlPlane: {
        dataDir: join(this.#dir, `unused-data-${index}`),
        // A short lease so a killed replica's turn becomes resumable within the test's time.
        store: { kind: 'redis', url: this.redis.url, replicaLeaseMs: 1_000 },
      },
      modelPlane: {
        providers: {
          mock: {
            chunkCount: 4,
            chunkSize: 8,
            chunkIntervalMs: options.chunkIntervalMs ?? 1,
            slowFirstTokenMs: options.slowFirstTokenMs ?? 1,
          },
        },
        deadlines: { firstTokenTimeoutMs: 120_000 },
      },
    };
    const replica = await startProxy(writeConfig(this.#dir, `replica-${index}.json`, config));
    this.replicas.push(replica);
    return replica;
  }

  async stop(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.service.stop()));
    await this.redis.dispose();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
