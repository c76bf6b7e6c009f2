import { describe, expect, it } from 'vitest';
import { deadlinesFor, modelPlaneConfigSchema } from './config-schema.ts';

describe('modelPlaneConfigSchema', () => {
  it('fills every default from an empty object', () => {
    const config = modelPlaneConfigSchema.parse({});
    expect(config).toMatchObject({
      providers: { mock: { enabled: true, models: ['mock-small', 'mock-large'], chunkCount: 8 } },
      deadlines: {
        connectTimeoutMs: 30_000,
        firstTokenTimeoutMs: 120_000,
        idleTimeoutMs: 120_000,
        totalTimeoutMs: 600_000,
        overrides: {},
      },
      heartbeatIntervalMs: 15_000,
      retries: { maxRetries: 2, baseBackoffMs: 250, maxBackoffMs: 4_000 },
      websocket: { connectionLifetimeMs: 3_600_000 },
    });
  });

  it('applies per-provider deadline overrides on top of the global values', () => {
    const config = modelPlaneConfigSchema.parse({
      deadlines: { idleTimeoutMs: 5, overrides: { mock: { firstTokenTimeoutMs: 7 } } },
    });
    expect(deadlinesFor(config.deadlines, 'mock')).toEqual({
      connectTimeoutMs: 30_000,
      firstTokenTimeoutMs: 7,
      idleTimeoutMs: 5,
      totalTimeoutMs: 600_000,
    });
    expect(deadlinesFor(config.deadlines, 'other').firstTokenTimeoutMs).toBe(120_000);
  });

  it('rejects unknown keys and bad values with their path', () => {
    const unknown = modelPlaneConfigSchema.safeParse({ retries: { maxRetires: 1 } });
    expect(unknown.success).toBe(false);
    const negative = modelPlaneConfigSchema.safeParse({ providers: { mock: { chunkCount: 0 } } });
    expect(negative.error?.issues[0]?.path).toEqual(['providers', 'mock', 'chunkCount']);
  });

  it('says what a deadline must be, and refuses an override for a provider that does not exist', () => {
    const deadline = modelPlaneConfigSchema.safeParse({ deadlines: { idleTimeoutMs: -5 } });
    expect(deadline.error?.issues[0]).toMatchObject({
      path: ['deadlines', 'idleTimeoutMs'],
      message: 'must be a whole number of milliseconds from 0 to 3600000',
    });
    const typo = modelPlaneConfigSchema.safeParse({
      deadlines: { overrides: { opneai: { idleTimeoutMs: 5 } } },
    });
    expect(typo.error?.issues).toEqual([
      expect.objectContaining({
        code: 'unrecognized_keys',
        keys: ['opneai'],
        path: ['deadlines', 'overrides'],
      }),
    ]);
  });
});
