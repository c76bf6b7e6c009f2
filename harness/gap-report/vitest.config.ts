import { laneConfig } from '@switchyard/testkit/vitest';
import { defineConfig } from 'vitest/config';

// The browser test starts Chromium once; 30 s covers a cold start on a 2-core machine.
export default defineConfig(laneConfig({ lane: 'unit', include: ['src/**/*.test.ts'], testTimeout: 30_000 }));
