import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

// Real agent CLIs are processes with their own retries: one file at a time, generous per-test time.
export default defineConfig(
  laneConfig({ lane: 'clients', include: ['src/**/*.clients.test.ts'], serial: true, testTimeout: 90_000 }),
);
