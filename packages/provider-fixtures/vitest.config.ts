import { defineConfig } from 'vitest/config';
import { laneConfig } from '@switchyard/testkit/vitest';

export default defineConfig(laneConfig({ lane: 'unit', include: ['src/**/*.test.ts'] }));
