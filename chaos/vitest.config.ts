import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

// Chaos scenarios own real processes and measure delays: one file at a time, generous timeouts.
export default defineConfig(
  laneConfig({ lane: 'chaos', include: ['src/**/*.chaos.test.ts'], serial: true, testTimeout: 30_000 }),
);
