/**
 * The one schema for Switchyard's configuration: file (YAML or JSON) and SWITCHYARD_* environment
 * overrides are merged first, then validated here. Every message says what is wrong and how to fix it;
 * the loader adds the key path and the offending value.
 */
import { z } from 'zod';
import { modelPlaneConfigSchema } from '../model-plane/config-schema.ts';
import { isLoopbackHost } from './loopback.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8317;
export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** Linux's default `net.core.somaxconn` since 5.4: asking more gains nothing there. */
export const DEFAULT_BACKLOG = 4096;
const MIN_KEY_LENGTH = 16;

/**
 * Shape limits on parsed request bodies (issue 11). Generous on purpose: Codex and Claude Code sessions send
 * hundreds to a few thousand input items and JSON-schema tool parameters a few dozen levels deep; these trip
 * only on bodies built to hurt.
 */
export const DEFAULT_LIMITS = {
  maxDepth: 256,
  maxArrayLength: 20_000,
  // As long as the default body limit: a large base64 image must never trip it unless an operator lowers it.
  maxStringLength: 10 * 1024 * 1024,
  maxObjectKeys: 10_000,
} as const;

/** Node's own defaults, made explicit; fastify's connection idle timeout stays off (0) for long streams. */
export const DEFAULT_TIMEOUTS = {
  headersMs: 60_000,
  requestMs: 300_000,
  keepAliveMs: 72_000,
} as const;

const clientKeySchema = z.strictObject(
  {
    id: z
      .string({ error: 'must be a string naming the client, e.g. "ci-runner"' })
      .regex(/^[A-Za-z0-9._-]{1,64}$/, {
        error: 'must be 1-64 letters, digits, ".", "_" or "-" (it names the client in logs and metrics)',
      }),
    key: z.string({ error: 'must be a string secret' }).min(MIN_KEY_LENGTH, {
      error: `must be at least ${MIN_KEY_LENGTH} characters; generate one with \`openssl rand -hex 24\``,
    }),
  },
  { error: 'must be an {id, key} pair (in SWITCHYARD_API_KEYS: `id:secret`)' },
);

/** `scheme://host[:port]` exactly, as browsers send it in `Origin`. */
const originSchema = z.string().refine(
  (value) => {
    if (value === '*') return false;
    try {
      return new URL(value).origin === value;
    } catch {
      return false;
    }
  },
  {
    error:
      'must be an exact origin like "https://app.example.com" (scheme, host, optional port; no path, no "*")',
  },
);

const limitCount = (what: string, example: number) =>
  z
    .number({ error: `must be a number of ${what}, e.g. ${example}` })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(1_000_000_000, { error: 'must be at most 1000000000' });

const limitsSchema = z.strictObject({
  /** Deepest nesting of objects and arrays, counting the body itself as level 1. */
  maxDepth: limitCount('levels', DEFAULT_LIMITS.maxDepth).default(DEFAULT_LIMITS.maxDepth),
  /** Longest array anywhere in a body: messages, input items, tools, content parts. */
  maxArrayLength: limitCount('items', DEFAULT_LIMITS.maxArrayLength).default(DEFAULT_LIMITS.maxArrayLength),
  /** Longest string (value or key), in UTF-16 code units. */
  maxStringLength: limitCount('characters', DEFAULT_LIMITS.maxStringLength).default(
    DEFAULT_LIMITS.maxStringLength,
  ),
  /** Most keys in one object. */
  maxObjectKeys: limitCount('keys', DEFAULT_LIMITS.maxObjectKeys).default(DEFAULT_LIMITS.maxObjectKeys),
});

const timeoutMs = (example: number) =>
  z
    .number({ error: `must be a number of milliseconds, e.g. ${example}` })
    .int({ error: 'must be a whole number of milliseconds' })
    .min(1, { error: 'must be at least 1' })
    .max(3_600_000, { error: 'must be at most 3600000 (one hour)' });

/**
 * Node HTTP server timeouts. They bound receiving a request (slow-loris) and idle keep-alive sockets only:
 * a response still streaming (SSE) or an upgraded WebSocket is never cut by them.
 */
const timeoutsSchema = z
  .strictObject({
    /** Time to receive a request's headers (node `headersTimeout`). */
    headersMs: timeoutMs(DEFAULT_TIMEOUTS.headersMs).default(DEFAULT_TIMEOUTS.headersMs),
    /** Time to receive a whole request, headers and body (node `requestTimeout`). */
    requestMs: timeoutMs(DEFAULT_TIMEOUTS.requestMs).default(DEFAULT_TIMEOUTS.requestMs),
    /** Idle time before a kept-alive socket is closed (node `keepAliveTimeout`). */
    keepAliveMs: timeoutMs(DEFAULT_TIMEOUTS.keepAliveMs).default(DEFAULT_TIMEOUTS.keepAliveMs),
  })
  .refine((timeouts) => timeouts.headersMs <= timeouts.requestMs, {
    path: ['headersMs'],
    error: 'must not exceed server.timeouts.requestMs (the headers are part of the request)',
  });

const serverSchema = z.strictObject({
  host: z
    .string({ error: 'must be a host name or IP address, e.g. "127.0.0.1"' })
    .min(1, {
      error: 'must not be empty; use "127.0.0.1" for this machine only',
    })
    .default(DEFAULT_HOST),
  port: z
    .number({ error: 'must be a number between 0 and 65535 (0 picks a free port)' })
    .int({ error: 'must be a whole number between 0 and 65535' })
    .min(0, { error: 'must be between 0 and 65535' })
    .max(65535, { error: 'must be between 0 and 65535' })
    .default(DEFAULT_PORT),
  bodyLimitBytes: z
    .number({ error: 'must be a number of bytes, e.g. 10485760 for 10 MiB' })
    .int({ error: 'must be a whole number of bytes' })
    .positive({ error: 'must be greater than 0' })
    .default(DEFAULT_BODY_LIMIT_BYTES),
  /**
   * Connections the kernel queues before the server accepts them (the listen backlog; the kernel caps it at
   * `net.core.somaxconn`). Node's 511 overflows when ~1,000 streaming clients connect at once to a busy proxy, and
   * each dropped SYN costs its client a 1 s (then 3 s) retransmit before the first byte.
   */
  backlog: z
    .number({ error: 'must be a number of connections, e.g. 4096' })
    .int({ error: 'must be a whole number of connections' })
    .positive({ error: 'must be greater than 0' })
    .default(DEFAULT_BACKLOG),
  /** Extra `Host` header values accepted while bound to loopback (DNS-rebinding guard). */
  allowedHosts: z.array(z.string().min(1), { error: 'must be a list of host names' }).default([]),
  limits: limitsSchema.prefault({}),
  timeouts: timeoutsSchema.prefault({}),
});

const authSchema = z.strictObject({
  keys: z.array(clientKeySchema, { error: 'must be a list of {id, key} entries' }).default([]),
  /** `?key=` exists for Gemini-style clients; URLs end up in logs and histories, so it can be turned off. */
  acceptQueryKey: z.boolean({ error: 'must be true or false' }).default(true),
});

const corsSchema = z.strictObject({
  allowedOrigins: z.array(originSchema, { error: 'must be a list of origins' }).default([]),
  allowCredentials: z.boolean({ error: 'must be true or false' }).default(false),
});

const loggingSchema = z.strictObject({
  level: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

const metricsSchema = z.strictObject({
  /** Latest samples kept per provider for the percentiles of /v1/metrics/providers. */
  latencySamples: z
    .number({ error: 'must be a number of samples, e.g. 2048' })
    .int({ error: 'must be a whole number' })
    .min(16, { error: 'must be at least 16' })
    .max(1_000_000, { error: 'must be at most 1000000' })
    .default(2048),
});

const HOUR_MS = 3_600_000;
const durationMs = (example: string, max: number) =>
  z
    .number({ error: `must be a number of milliseconds, e.g. ${example}` })
    .int({ error: 'must be a whole number of milliseconds' })
    .min(1, { error: 'must be at least 1' })
    .max(max, { error: `must be at most ${max}` });

/**
 * Where the control plane keeps its state. sqlite (default): one file under `dataDir`, for one process.
 * redis: a Redis server shared by several replicas (see docs/replicas.md).
 */
const storeSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('sqlite') }),
      z.strictObject({
        kind: z.literal('redis'),
        /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS. */
        url: z
          .string({ error: 'must be a Redis URL, e.g. "redis://127.0.0.1:6379"' })
          .regex(/^rediss?:\/\/[^\s]+$/, { error: 'must start with redis:// or rediss://' }),
        /** Prefix of every key, so deployments can share one Redis database. */
        keyPrefix: z
          .string({ error: 'must be a string, e.g. "switchyard:"' })
          .min(1, { error: 'must not be empty' })
          .max(200, { error: 'must be at most 200 characters' })
          .default('switchyard:'),
        /** How long a replica that stopped renewing its lease still counts as running its turns. */
        replicaLeaseMs: durationMs('15000', HOUR_MS)
          .min(300, { error: 'must be at least 300' })
          .default(15_000),
      }),
    ],
    { error: 'must be {kind: sqlite} or {kind: redis, url: "redis://…"}' },
  )
  .default({ kind: 'sqlite' });

const controlPlaneSchema = z.strictObject({
  store: storeSchema,
  /**
   * Where sessions, messages, events and idempotency records live (SQLite). Relative paths are resolved
   * against the working directory. Absent: `$XDG_DATA_HOME/switchyard`, else `~/.local/share/switchyard`.
   */
  dataDir: z
    .string({ error: 'must be a directory path, e.g. "./data"' })
    .min(1, { error: 'must not be empty; omit it to use $XDG_DATA_HOME/switchyard' })
    .optional(),
  events: z
    .strictObject({
      /** Newest events kept per session for replay. */
      maxPerSession: z
        .number({ error: 'must be a number of events, e.g. 1000' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be at least 1' })
        .max(10_000_000, { error: 'must be at most 10000000' })
        .default(1_000),
      /** Events older than this are pruned. */
      maxAgeMs: durationMs('86400000 for 24 h', 365 * 24 * HOUR_MS).default(24 * HOUR_MS),
      /** How often the age limit is applied. */
      pruneIntervalMs: durationMs('60000', 24 * HOUR_MS).default(60_000),
      /** SSE comment sent on an idle /events stream. */
      heartbeatIntervalMs: durationMs('15000', HOUR_MS).default(15_000),
    })
    .prefault({}),
  idempotency: z
    .strictObject({
      /** How long a completed response is replayed for its key (advertised; IETF draft). */
      retentionMs: durationMs('86400000 for 24 h', 30 * 24 * HOUR_MS).default(24 * HOUR_MS),
      /** How often expired keys are deleted. */
      sweepIntervalMs: durationMs('60000', 24 * HOUR_MS).default(60_000),
    })
    .prefault({}),
  /**
   * Turns a crash or restart left running. keep: wait for a client's `resume`. resume: re-run them at
   * startup. fail: mark them failed at startup (the session accepts new messages at once).
   */
  interruptedTurns: z
    .enum(['keep', 'resume', 'fail'], { error: 'must be one of keep, resume, fail' })
    .default('keep'),
});

export const configSchema = z
  .strictObject({
    server: serverSchema.prefault({}),
    auth: authSchema.prefault({}),
    cors: corsSchema.prefault({}),
    logging: loggingSchema.prefault({}),
    metrics: metricsSchema.prefault({}),
    controlPlane: controlPlaneSchema.prefault({}),
    // The model plane's schema is owned by the model plane; a missing section means "all defaults".
    modelPlane: z.preprocess((value) => value ?? {}, modelPlaneConfigSchema),
  })
  .superRefine((config, context) => {
    if (config.auth.keys.length === 0 && !isLoopbackHost(config.server.host)) {
      context.addIssue({
        code: 'custom',
        path: ['server', 'host'],
        input: config.server.host,
        message:
          'refusing to listen beyond this machine without client API keys. Fix: add a key under ' +
          'auth.keys (e.g. `- {id: my-laptop, key: <output of openssl rand -hex 24>}`) or set ' +
          'SWITCHYARD_API_KEYS=my-laptop:<secret>; or bind to 127.0.0.1',
      });
    }
    const seenIds = new Set<string>();
    const seenKeys = new Set<string>();
    config.auth.keys.forEach((entry, index) => {
      if (seenIds.has(entry.id)) {
        context.addIssue({
          code: 'custom',
          path: ['auth', 'keys', index, 'id'],
          input: entry.id,
          message: 'is used by another key; give every key its own id',
        });
      }
      if (seenKeys.has(entry.key)) {
        context.addIssue({
          code: 'custom',
          path: ['auth', 'keys', index, 'key'],
          input: entry.key,
          message: 'is the same secret as another key; every client gets its own secret',
        });
      }
      seenIds.add(entry.id);
      seenKeys.add(entry.key);
    });
    if (config.cors.allowCredentials && config.cors.allowedOrigins.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['cors', 'allowCredentials'],
        input: true,
        message: 'needs cors.allowedOrigins; credentials are never allowed for every origin',
      });
    }
  });

export type SwitchyardConfig = z.output<typeof configSchema>;
/** What callers may pass: every section optional; `modelPlane` typed by the model plane's own schema. */
export type SwitchyardConfigInput = Omit<z.input<typeof configSchema>, 'modelPlane'> & {
  readonly modelPlane?: z.input<typeof modelPlaneConfigSchema> | undefined;
};
export type ClientKey = SwitchyardConfig['auth']['keys'][number];
