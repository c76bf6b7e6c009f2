import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

export default defineConfig(
  laneConfig({ lane: 'e2e', include: ['src/**/*.e2e.test.ts'], serial: true, testTimeout: 30_000 }),
);
