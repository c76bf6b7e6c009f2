import { z } from 'zod';

/** Settings of the built-in mock provider: shape and pacing of its deterministic answers. */
export const mockProviderConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Models listed by /v1/models; any model whose name starts with `mock` is served. */
    models: z.array(z.string().min(1)).min(1).default(['mock-small', 'mock-large']),
    /** Number of text deltas per answer. */
    chunkCount: z.number().int().min(1).max(100_000).default(8),
    /** Characters per delta. */
    chunkSize: z.number().int().min(1).max(65_536).default(16),
    /** Pause between deltas, in milliseconds. */
    chunkIntervalMs: z.number().int().min(0).max(60_000).default(10),
    /** Delay before the first delta of `mock-slow-first-token`. */
    slowFirstTokenMs: z.number().int().min(0).default(30_000),
    /** Pause mid-stream of `mock-stall`. */
    stallMs: z.number().int().min(0).default(30_000),
    /** `retry-after-ms` the mock's 429/503 failures advertise. */
    retryAfterMs: z.number().int().min(0).default(50),
  })
  .strict();

export type MockProviderConfig = z.output<typeof mockProviderConfigSchema>;
