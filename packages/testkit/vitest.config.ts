import { defineConfig } from 'vitest/config';
import { laneConfig } from './src/vitest-preset.ts';

export default defineConfig(laneConfig({ lane: 'unit', include: ['src/**/*.test.ts'] }));
