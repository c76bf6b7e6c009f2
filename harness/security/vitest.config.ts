import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

// Each file starts its own proxy process and measures it (throughput, /healthz p99, RSS): one file at a time,
// so the figures are not the sum of two attacks sharing two cores.
export default defineConfig(
  laneConfig({
    lane: 'security',
    include: ['src/**/*.security.test.ts'],
    serial: true,
    testTimeout: 20_000,
  }),
);
