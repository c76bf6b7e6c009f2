import { z } from 'zod';
import { providersConfigSchema } from '../providers/config-schema.ts';
import { PROVIDER_DESCRIPTORS } from '../providers/provider-list.ts';
import type { Deadlines } from '../streaming/call-policy.ts';

const ms = (max: number) => {
  const range = `must be a whole number of milliseconds from 0 to ${max}`;
  return z.number({ error: range }).int({ error: range }).min(0, { error: range }).max(max, { error: range });
};

/** Every provider the schema knows: the only names a per-provider override can be for. */
const PROVIDER_NAMES = PROVIDER_DESCRIPTORS.map((descriptor) => descriptor.name);
const HOUR = 3_600_000;

/** Each deadline in milliseconds; 0 disables it. */
const deadlineFields = {
  /** Until the provider answers at all (its first event; for HTTP upstreams: headers). */
  connectTimeoutMs: ms(10 * 60_000),
  /** Until the first content token. */
  firstTokenTimeoutMs: ms(HOUR),
  /** Longest silence between two events once streaming. */
  idleTimeoutMs: ms(HOUR),
  /** Whole request, retries included. */
  totalTimeoutMs: ms(24 * HOUR),
};

export const deadlinesSchema = z
  .object({
    connectTimeoutMs: deadlineFields.connectTimeoutMs.default(30_000),
    firstTokenTimeoutMs: deadlineFields.firstTokenTimeoutMs.default(120_000),
    idleTimeoutMs: deadlineFields.idleTimeoutMs.default(120_000),
    totalTimeoutMs: deadlineFields.totalTimeoutMs.default(600_000),
    /** Per-provider overrides, keyed by provider name, e.g. `{ mock: { firstTokenTimeoutMs: 500 } }`. */
    // A misspelt provider is an unknown key ("check the spelling"), never an override that silently never applies.
    overrides: z
      .partialRecord(z.enum(PROVIDER_NAMES), z.object(deadlineFields).partial().strict())
      .default({}),
  })
  .strict();

export const retriesSchema = z
  .object({
    /** Retries after the first attempt; only before the first byte reaches the client. */
    maxRetries: z.number().int().min(0).max(10).default(2),
    baseBackoffMs: ms(60_000).default(250),
    maxBackoffMs: ms(60_000).default(4_000),
  })
  .strict();

export const websocketSchema = z
  .object({
    /** A connection is closed after this long (OpenAI: 60 minutes). */
    connectionLifetimeMs: z
      .number()
      .int()
      .min(1)
      .max(24 * HOUR)
      .default(HOUR),
    /** Largest client frame; bigger frames close the connection with 1009. */
    maxMessageBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(16 * 1024 * 1024),
  })
  .strict();

export const modelPlaneConfigSchema = z
  .object({
    /**
     * Upstream providers (docs/providers.md). Each is registered when it has a key (config `keys` or
     * the environment variables in `keysEnv`), or when `enabled: true`.
     */
    providers: providersConfigSchema(PROVIDER_DESCRIPTORS).prefault({}),
    deadlines: deadlinesSchema.prefault({}),
    /** SSE keep-alive while a stream is idle, in milliseconds; 0 disables. */
    heartbeatIntervalMs: ms(HOUR).default(15_000),
    retries: retriesSchema.prefault({}),
    websocket: websocketSchema.prefault({}),
    /** Circuit per fallback target: opened after this many failures in a row, skipped by chains for `openMs`. */
    circuit: z
      .object({
        failureThreshold: z.number().int().min(1).max(100).default(3),
        openMs: ms(HOUR).default(10_000),
      })
      .strict()
      .prefault({}),
    /**
     * Fallback chains: a model name clients send (a new name like `smart`, or an existing `provider/model`) →
     * the ordered targets that serve it, each `provider/model` with an optional `(thinking)` suffix. The first
     * answers; the next is tried when one fails before anything reached the client (docs/model-plane.md).
     */
    routes: z
      .record(
        z.string().min(1, { error: 'a route name must not be empty' }),
        z
          .array(z.string().min(1, { error: 'a target must be a model such as "openai/gpt-4o"' }), {
            error: 'must be a list of targets, e.g. ["openai/gpt-4o", "anthropic/claude-sonnet-4-6"]',
          })
          .min(1, { error: 'must list at least one target, e.g. ["openai/gpt-4o"]' }),
        { error: 'must map model names to lists of targets, e.g. {smart: ["openai/gpt-4o"]}' },
      )
      .default({}),
  })
  .strict();

export type ModelPlaneConfig = z.output<typeof modelPlaneConfigSchema>;
export type ModelPlaneConfigInput = z.input<typeof modelPlaneConfigSchema>;
export type ProvidersConfig = ModelPlaneConfig['providers'];
export type DeadlinesConfig = z.output<typeof deadlinesSchema>;
export type RetriesConfig = z.output<typeof retriesSchema>;

export function deadlinesFor(config: DeadlinesConfig, provider: string): Deadlines {
  const overrides: Readonly<
    Record<string, DeadlinesConfig['overrides'][keyof DeadlinesConfig['overrides']]>
  > = config.overrides;
  const override = overrides[provider] ?? {};
  return {
    connectTimeoutMs: override.connectTimeoutMs ?? config.connectTimeoutMs,
    firstTokenTimeoutMs: override.firstTokenTimeoutMs ?? config.firstTokenTimeoutMs,
    idleTimeoutMs: override.idleTimeoutMs ?? config.idleTimeoutMs,
    totalTimeoutMs: override.totalTimeoutMs ?? config.totalTimeoutMs,
  };
}
