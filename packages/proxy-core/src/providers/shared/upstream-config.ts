import { z } from 'zod';

/** Thinking capability of one model (upstream-behaviour.md §6.4); omitted = the model cannot think. */
export const thinkingCapabilitySchema = z.strictObject({
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
  zeroAllowed: z.boolean().optional(),
  dynamicAllowed: z.boolean().optional(),
  levels: z.array(z.string().min(1)).min(1).optional(),
});

export const upstreamModelSchema = z.strictObject({
  id: z.string().min(1, { error: 'must be the provider\'s model name, e.g. "gpt-6-luna"' }),
  displayName: z.string().min(1).optional(),
  /** Prompt + output tokens the model accepts, as its provider documents it; omitted where none is documented. */
  contextWindow: z.number().int().positive().optional(),
  /** Default `max_tokens` where the upstream requires one (Anthropic) and the client sent none. */
  maxOutputTokens: z.number().int().positive().optional(),
  thinking: thinkingCapabilitySchema.optional(),
});

export type UpstreamModelConfig = z.output<typeof upstreamModelSchema>;

const urlSchema = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  {
    error:
      'must be an http(s) URL such as "https://api.openai.com/v1" (no trailing path after the API version)',
  },
);

const envNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: 'must be an environment variable name, e.g. "OPENAI_API_KEY"',
});

export interface UpstreamDefaults {
  readonly baseUrl: string;
  readonly keysEnv: readonly string[];
  readonly models: readonly UpstreamModelConfig[];
  readonly cheapestModel: string;
  /** Model names this provider serves even when not listed (thinking then passes through unvalidated). */
  readonly modelPrefixes: readonly string[];
  readonly forwardIdempotencyKey: boolean;
}

/**
 * The settings every HTTP provider shares. `enabled` unset means "when it has a key": a fresh machine
 * without keys registers none of them. `enabled: true` registers a provider even without keys, for
 * tests against a mock upstream; `false` never registers it.
 */
export function upstreamProviderSchema(defaults: UpstreamDefaults) {
  return z.strictObject({
    enabled: z
      .boolean({ error: 'must be true or false (leave it out to enable the provider when it has a key)' })
      .optional(),
    baseUrl: urlSchema.default(defaults.baseUrl),
    /** API keys written in the config (prefer keysEnv; config files get committed). */
    keys: z
      .array(z.string().min(1, { error: 'must not be empty' }), { error: 'must be a list of API keys' })
      .default([]),
    /** Environment variables holding keys; each may hold a comma-separated list. */
    keysEnv: z
      .array(envNameSchema, { error: 'must be a list of environment variable names' })
      .default([...defaults.keysEnv]),
    /**
     * Cooldown of a key, for the model that was limited, after a 429 that named no wait (a stated wait is used
     * exactly). Short: it steers the next calls to another key; it is never waited out.
     */
    rateLimitCooldownMs: z.number().int().min(0).default(1_000),
    /** Cooldown of a key the upstream rejected (401/403). */
    authCooldownMs: z.number().int().min(0).default(600_000),
    models: z
      .array(upstreamModelSchema)
      .min(1, { error: 'must list at least one model' })
      .default([...defaults.models]),
    /** The cheapest model, used by the smoke matrix; must be one of `models`. */
    cheapestModel: z.string().min(1).default(defaults.cheapestModel),
    modelPrefixes: z.array(z.string().min(1)).default([...defaults.modelPrefixes]),
    /** Send the client's Idempotency-Key header upstream. */
    forwardIdempotencyKey: z.boolean().default(defaults.forwardIdempotencyKey),
    /** Extra headers on every upstream request, e.g. `anthropic-beta` or `OpenAI-Organization`. */
    headers: z.record(z.string(), z.string()).default({}),
  });
}

export type UpstreamProviderConfig = z.output<ReturnType<typeof upstreamProviderSchema>>;

/** Keys from the config, then from each `keysEnv` variable (comma-separated), without duplicates. */
export function resolveKeys(
  config: UpstreamProviderConfig,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const fromEnv = config.keysEnv.flatMap((name) => (env[name] ?? '').split(','));
  const all = [...config.keys, ...fromEnv].map((key) => key.trim()).filter((key) => key !== '');
  return [...new Set(all)];
}

/** "set OPENAI_API_KEY or providers.openai.keys": the fix named in every key-related error. */
export function keyFixHint(provider: string, config: UpstreamProviderConfig): string {
  const vars = config.keysEnv.length === 0 ? '' : `set ${config.keysEnv.join(' or ')} or `;
  return `${vars}providers.${provider}.keys`;
}

/** `cheapestModel` must be one of `models` (the smoke matrix runs it); the error says how to fix it. */
export function cheapestModelIsListed(
  config: { readonly cheapestModel: string; readonly models: readonly { readonly id: string }[] },
  context: z.RefinementCtx,
): void {
  if (config.models.some((model) => model.id === config.cheapestModel)) return;
  context.addIssue({
    code: 'custom',
    path: ['cheapestModel'],
    message: `"${config.cheapestModel}" is not in models; add it to models or pick one of: ${config.models.map((model) => model.id).join(', ')}`,
  });
}
