import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

// Opt-in: reaches the real provider APIs with the keys in the environment. Never part of quality:quick/ci.
export default defineConfig(laneConfig({ lane: 'live-smoke', include: ['src/**/*.live.test.ts'] }));
