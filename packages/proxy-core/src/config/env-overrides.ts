/**
 * SWITCHYARD_* environment variables, applied over the file. Each variable sets one key; the list is
 * the documentation (docs/shell.md mirrors it). Unknown SWITCHYARD_* names are reported as warnings so
 * a typo does not pass silently.
 */
export interface EnvOverride {
  readonly variable: string;
  readonly path: readonly string[];
  readonly parse: (raw: string) => unknown;
  readonly description: string;
}

const asString = (raw: string): unknown => raw;
const asList = (raw: string): unknown =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
/** Numbers stay strings when they do not parse, so the schema reports the variable and its value. */
const asNumber = (raw: string): unknown => (/^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw);
const asBoolean = (raw: string): unknown => {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  return raw;
};
/** `id:secret,id2:secret2`; a pair without `:` is kept whole so the schema names it. */
const asKeyList = (raw: string): unknown =>
  (asList(raw) as string[]).map((pair) => {
    const colon = pair.indexOf(':');
    return colon === -1 ? pair : { id: pair.slice(0, colon), key: pair.slice(colon + 1) };
  });
const asJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
};

export const ENV_OVERRIDES: readonly EnvOverride[] = [
  { variable: 'SWITCHYARD_HOST', path: ['server', 'host'], parse: asString, description: 'address to bind' },
  { variable: 'SWITCHYARD_PORT', path: ['server', 'port'], parse: asNumber, description: 'port to bind' },
  {
    variable: 'SWITCHYARD_BODY_LIMIT_BYTES',
    path: ['server', 'bodyLimitBytes'],
    parse: asNumber,
    description: 'largest accepted request body',
  },
  {
    variable: 'SWITCHYARD_BACKLOG',
    path: ['server', 'backlog'],
    parse: asNumber,
    description: 'connections queued before the server accepts them (listen backlog)',
  },
  {
    variable: 'SWITCHYARD_MAX_DEPTH',
    path: ['server', 'limits', 'maxDepth'],
    parse: asNumber,
    description: 'deepest JSON nesting accepted in a request body',
  },
  {
    variable: 'SWITCHYARD_MAX_ARRAY_LENGTH',
    path: ['server', 'limits', 'maxArrayLength'],
    parse: asNumber,
    description: 'longest JSON array accepted in a request body',
  },
  {
    variable: 'SWITCHYARD_MAX_STRING_LENGTH',
    path: ['server', 'limits', 'maxStringLength'],
    parse: asNumber,
    description: 'longest JSON string accepted in a request body',
  },
  {
    variable: 'SWITCHYARD_MAX_OBJECT_KEYS',
    path: ['server', 'limits', 'maxObjectKeys'],
    parse: asNumber,
    description: 'most keys accepted in one JSON object of a request body',
  },
  {
    variable: 'SWITCHYARD_HEADERS_TIMEOUT_MS',
    path: ['server', 'timeouts', 'headersMs'],
    parse: asNumber,
    description: 'time allowed to receive request headers',
  },
  {
    variable: 'SWITCHYARD_REQUEST_TIMEOUT_MS',
    path: ['server', 'timeouts', 'requestMs'],
    parse: asNumber,
    description: 'time allowed to receive a whole request',
  },
  {
    variable: 'SWITCHYARD_KEEP_ALIVE_TIMEOUT_MS',
    path: ['server', 'timeouts', 'keepAliveMs'],
    parse: asNumber,
    description: 'idle time before a kept-alive connection is closed',
  },
  {
    variable: 'SWITCHYARD_ALLOWED_HOSTS',
    path: ['server', 'allowedHosts'],
    parse: asList,
    description: 'comma-separated extra Host values accepted on loopback',
  },
  {
    variable: 'SWITCHYARD_API_KEYS',
    path: ['auth', 'keys'],
    parse: asKeyList,
    description: 'comma-separated `id:secret` client keys (replaces auth.keys)',
  },
  {
    variable: 'SWITCHYARD_ACCEPT_QUERY_KEY',
    path: ['auth', 'acceptQueryKey'],
    parse: asBoolean,
    description: 'accept `?key=` (true/false)',
  },
  {
    variable: 'SWITCHYARD_CORS_ORIGINS',
    path: ['cors', 'allowedOrigins'],
    parse: asList,
    description: 'comma-separated allowed browser origins',
  },
  {
    variable: 'SWITCHYARD_CORS_CREDENTIALS',
    path: ['cors', 'allowCredentials'],
    parse: asBoolean,
    description: 'allow credentialed CORS requests (true/false)',
  },
  {
    variable: 'SWITCHYARD_DATA_DIR',
    path: ['controlPlane', 'dataDir'],
    parse: asString,
    description: 'directory of the control-plane SQLite store',
  },
  { variable: 'SWITCHYARD_LOG_LEVEL', path: ['logging', 'level'], parse: asString, description: 'log level' },
  {
    variable: 'SWITCHYARD_MODEL_PLANE',
    path: ['modelPlane'],
    parse: asJson,
    description: 'JSON object merged over the modelPlane section',
  },
];

/** Variables read elsewhere (the CLI), not config keys. */
const NON_KEY_VARIABLES = new Set(['SWITCHYARD_CONFIG']);

export interface AppliedOverrides {
  /** A nested object holding only the overridden keys. */
  readonly values: Record<string, unknown>;
  /** Key path (dotted) → variable name, for error messages. */
  readonly sources: Map<string, string>;
  readonly warnings: string[];
}

export function readEnvOverrides(env: Readonly<Record<string, string | undefined>>): AppliedOverrides {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const known = new Set(ENV_OVERRIDES.map((override) => override.variable));
  for (const override of ENV_OVERRIDES) {
    const raw = env[override.variable];
    if (raw === undefined) continue;
    setPath(values, override.path, override.parse(raw));
    sources.set(override.path.join('.'), override.variable);
  }
  const warnings = Object.keys(env)
    .filter((name) => name.startsWith('SWITCHYARD_') && !known.has(name) && !NON_KEY_VARIABLES.has(name))
    .map((name) => `${name} is not a Switchyard setting and was ignored (known: ${[...known].join(', ')})`);
  return { values, sources, warnings };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((segment, index) => {
    if (index === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    const child: Record<string, unknown> = isPlainObject(next) ? next : {};
    node[segment] = child;
    node = child;
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep merge where `over` wins; arrays and scalars are replaced, objects merged. */
export function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = mergeDeep(base[key], value);
  return merged;
}
