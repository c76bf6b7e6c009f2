import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

/** Part of the e2e lane; `--needs redis-server` makes it "not run" (with the install command) without Redis. */
export default defineConfig(
  laneConfig({ lane: 'e2e', include: ['src/**/*.e2e.test.ts'], serial: true, testTimeout: 60_000 }),
);
