import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

/**
 * The contracts lane of proxy-core: the store contract suites against a real redis-server (RedisStore).
 * Its lane (`test:contracts`) declares `--needs redis-server`, so without the binary it reads "not run".
 */
export default defineConfig(
  laneConfig({ lane: 'contracts', include: ['src/**/*.redis.test.ts'], testTimeout: 20_000, serial: true }),
);
