import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

export default defineConfig(
  laneConfig({
    lane: 'unit',
    include: ['src/**/*.test.ts'],
    // Tests against a real redis-server run in the contracts lane (vitest.redis.config.ts).
    exclude: ['src/**/*.redis.test.ts'],
    coverage: {
      include: ['src/**/*.ts'],
      thresholds: { lines: 80, branches: 75, functions: 80, statements: 80 },
    },
  }),
);
