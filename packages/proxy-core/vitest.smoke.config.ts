import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

export default defineConfig(
  laneConfig({ lane: 'smoke', include: ['test/smoke/**/*.smoke.test.ts'], testTimeout: 20_000 }),
);
