import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

export default defineConfig(
  laneConfig({ lane: 'security', include: ['src/**/*.security.test.ts'], testTimeout: 20_000 }),
);
