import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { loadConfig, validateConfig } from './load.ts';
import { DEFAULT_LIMITS, DEFAULT_TIMEOUTS } from './schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SECRET = 'sk-test-0123456789abcdef';

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('runs on a fresh machine: loopback, port 8317, no keys, CORS off', () => {
    const { config, warnings } = loadConfig();
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 8317,
      bodyLimitBytes: 10 * 1024 * 1024,
      backlog: 4096,
      allowedHosts: [],
      limits: DEFAULT_LIMITS,
      timeouts: DEFAULT_TIMEOUTS,
    });
    expect(config.auth).toEqual({ keys: [], acceptQueryKey: true });
    expect(config.cors).toEqual({ allowedOrigins: [], allowCredentials: false });
    expect(config.logging.level).toBe('info');
    expect(config.modelPlane).toBeTypeOf('object');
    expect(warnings).toEqual([]);
  });
});

describe('config files', () => {
  it('reads YAML', () => {
    const path = file(
      'a.yaml',
      `server:\n  port: 9000\nauth:\n  keys:\n    - id: ci\n      key: ${SECRET}\ncors:\n  allowedOrigins: ["https://app.example.com"]\n`,
    );
    const { config } = loadConfig({ file: path });
    expect(config.server.port).toBe(9000);
    expect(config.auth.keys).toEqual([{ id: 'ci', key: SECRET }]);
    expect(config.cors.allowedOrigins).toEqual(['https://app.example.com']);
  });

  it('reads JSON and treats an empty YAML file as all defaults', () => {
    expect(loadConfig({ file: file('b.json', '{"server":{"host":"localhost"}}') }).config.server.host).toBe(
      'localhost',
    );
    expect(loadConfig({ file: file('empty.yaml', '') }).config.server.port).toBe(8317);
  });

  it('names a missing file and how to fix it', () => {
    expect(issuesOf(() => loadConfig({ file: join(dir, 'nope.yaml') }))[0]).toMatch(
      /nope\.yaml" does not exist\. Fix:/,
    );
  });

  it('reports YAML and JSON syntax errors and a non-mapping top level', () => {
    expect(issuesOf(() => loadConfig({ file: file('bad.yaml', 'server: [1,\n') }))[0]).toMatch(
      /is not valid YAML/,
    );
    expect(issuesOf(() => loadConfig({ file: file('bad.json', '{') }))[0]).toMatch(/is not valid JSON/);
    expect(issuesOf(() => loadConfig({ file: file('list.yaml', '- 1\n') }))[0]).toMatch(
      /mapping .* \(got a list\)/,
    );
  });
});

describe('environment overrides', () => {
  it('apply over the file, and CLI overrides apply over both', () => {
    const path = file('c.yaml', 'server:\n  port: 9000\n  host: 127.0.0.1\n');
    const { config } = loadConfig({
      file: path,
      env: {
        SWITCHYARD_PORT: '9100',
        SWITCHYARD_API_KEYS: `laptop:${SECRET},ci:${SECRET}-2`,
        SWITCHYARD_CORS_ORIGINS: 'https://a.example, https://b.example',
        SWITCHYARD_CORS_CREDENTIALS: 'yes',
        SWITCHYARD_ACCEPT_QUERY_KEY: 'off',
        SWITCHYARD_LOG_LEVEL: 'warn',
        SWITCHYARD_ALLOWED_HOSTS: 'proxy.local',
        SWITCHYARD_BODY_LIMIT_BYTES: '2048',
        SWITCHYARD_BACKLOG: '1024',
        SWITCHYARD_MAX_DEPTH: '64',
        SWITCHYARD_MAX_ARRAY_LENGTH: '5000',
        SWITCHYARD_MAX_STRING_LENGTH: '100000',
        SWITCHYARD_MAX_OBJECT_KEYS: '500',
        SWITCHYARD_HEADERS_TIMEOUT_MS: '1000',
        SWITCHYARD_REQUEST_TIMEOUT_MS: '2000',
        SWITCHYARD_KEEP_ALIVE_TIMEOUT_MS: '3000',
      },
      overrides: { server: { host: 'localhost' } },
    });
    expect(config.server).toEqual({
      host: 'localhost',
      port: 9100,
      bodyLimitBytes: 2048,
      backlog: 1024,
      allowedHosts: ['proxy.local'],
      limits: { maxDepth: 64, maxArrayLength: 5000, maxStringLength: 100_000, maxObjectKeys: 500 },
      timeouts: { headersMs: 1000, requestMs: 2000, keepAliveMs: 3000 },
    });
    expect(config.auth.keys.map((key) => key.id)).toEqual(['laptop', 'ci']);
    expect(config.auth.acceptQueryKey).toBe(false);
    expect(config.cors).toEqual({
      allowedOrigins: ['https://a.example', 'https://b.example'],
      allowCredentials: true,
    });
    expect(config.logging.level).toBe('warn');
  });

  it('merges SWITCHYARD_MODEL_PLANE JSON into the modelPlane section', () => {
    const { config } = loadConfig({ env: { SWITCHYARD_MODEL_PLANE: '{"heartbeatIntervalMs": 500}' } });
    expect(config.modelPlane).toMatchObject({ heartbeatIntervalMs: 500 });
  });

  it('names the variable, the value and the fix when a value is wrong', () => {
    const issues = issuesOf(() => loadConfig({ env: { SWITCHYARD_PORT: 'eighty' } }));
    expect(issues).toEqual([
      expect.stringMatching(/^server\.port \(from SWITCHYARD_PORT\): got "eighty"; must be a number/),
    ]);
    expect(
      issuesOf(() =>
        loadConfig({
          env: { SWITCHYARD_CORS_CREDENTIALS: 'maybe', SWITCHYARD_CORS_ORIGINS: 'https://a.example' },
        }),
      ),
    ).toEqual([
      expect.stringMatching(
        /cors\.allowCredentials \(from SWITCHYARD_CORS_CREDENTIALS\): got "maybe"; must be true or false/,
      ),
    ]);
    expect(issuesOf(() => loadConfig({ env: { SWITCHYARD_API_KEYS: 'no-colon-here-at-all' } }))[0]).toMatch(
      /auth\.keys\.0/,
    );
    expect(issuesOf(() => loadConfig({ env: { SWITCHYARD_MODEL_PLANE: '{not json' } }))[0]).toMatch(
      /^modelPlane \(from SWITCHYARD_MODEL_PLANE\)/,
    );
  });

  it('warns about unknown SWITCHYARD_* variables instead of ignoring a typo silently', () => {
    const { warnings } = loadConfig({ env: { SWITCHYARD_PROT: '1', SWITCHYARD_CONFIG: 'x', HOME: '/root' } });
    expect(warnings).toEqual([expect.stringContaining('SWITCHYARD_PROT is not a Switchyard setting')]);
  });
});

describe('validation messages', () => {
  it('reject unknown keys with the spelling hint', () => {
    expect(issuesOf(() => validateConfig({ server: { hots: 'x' } }))).toEqual([
      'server: unknown key(s) "hots". Fix: remove them or check the spelling',
    ]);
  });

  it('never echo a secret back, only its length', () => {
    const [issue] = issuesOf(() => validateConfig({ auth: { keys: [{ id: 'ci', key: 'short-secret' }] } }));
    expect(issue).toBe(
      'auth.keys.0.key: got <secret, 12 characters>; must be at least 16 characters; generate one with `openssl rand -hex 24`',
    );
  });

  it('never echo a key that sits where a key pair or a key list belongs', () => {
    const secret = 'sk-test-bare-secret-0123456789';
    const fromEnv = issuesOf(() => loadConfig({ env: { SWITCHYARD_API_KEYS: secret } }));
    expect(fromEnv[0]).toMatch(/^auth\.keys\.0 \(from SWITCHYARD_API_KEYS\): got <secret, 30 characters>;/);
    const upstream = issuesOf(() =>
      validateConfig({ modelPlane: { providers: { openai: { keys: secret }, gemini: { keys: [42] } } } }),
    );
    expect(upstream).toHaveLength(2);
    expect(upstream[0]).toMatch(/^modelPlane\.providers\.openai\.keys: got <secret, 30 characters>;/);
    expect([...fromEnv, ...upstream].join('\n')).not.toContain(secret);
  });

  it('refuse a non-loopback bind without keys and say how to add one', () => {
    const [issue] = issuesOf(() => validateConfig({ server: { host: '0.0.0.0' } }));
    expect(issue).toMatch(/^server\.host: got "0\.0\.0\.0"; refusing to listen beyond this machine/);
    expect(issue).toContain('auth.keys');
    expect(issue).toContain('SWITCHYARD_API_KEYS=');
    expect(
      validateConfig({ server: { host: '0.0.0.0' }, auth: { keys: [{ id: 'a', key: SECRET }] } }).server.host,
    ).toBe('0.0.0.0');
  });

  it('reject duplicate ids and secrets, bad ids, wildcard origins and credentials without origins', () => {
    const issues = issuesOf(() =>
      validateConfig({
        auth: {
          keys: [
            { id: 'a', key: SECRET },
            { id: 'a', key: SECRET },
            { id: 'bad id', key: `${SECRET}x` },
          ],
        },
        cors: { allowedOrigins: ['*', 'https://ok.example/path'] },
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^auth\.keys\.2\.id: got "bad id"; must be 1-64 letters/),
        expect.stringMatching(/^cors\.allowedOrigins\.0: got "\*"; must be an exact origin/),
        expect.stringMatching(/^cors\.allowedOrigins\.1: got "https:\/\/ok\.example\/path"/),
      ]),
    );
    const duplicates = issuesOf(() =>
      validateConfig({
        auth: {
          keys: [
            { id: 'a', key: SECRET },
            { id: 'a', key: SECRET },
          ],
        },
      }),
    );
    expect(duplicates).toEqual([
      'auth.keys.1.id: got "a"; is used by another key; give every key its own id',
      'auth.keys.1.key: got <secret, 24 characters>; is the same secret as another key; every client gets its own secret',
    ]);
    expect(issuesOf(() => validateConfig({ cors: { allowCredentials: true } }))[0]).toMatch(
      /^cors\.allowCredentials: got true; needs cors\.allowedOrigins/,
    );
  });

  it('reject out-of-range numbers and an unknown log level', () => {
    expect(issuesOf(() => validateConfig({ server: { port: 70000 } }))[0]).toMatch(
      /^server\.port: got 70000; must be between 0 and 65535/,
    );
    expect(issuesOf(() => validateConfig({ server: { bodyLimitBytes: 0 } }))[0]).toMatch(/greater than 0/);
    expect(issuesOf(() => validateConfig({ logging: { level: 'loud' } }))[0]).toMatch(
      /^logging\.level: got "loud"; must be one of/,
    );
    expect(issuesOf(() => validateConfig({ metrics: { latencySamples: 1 } }))[0]).toMatch(/at least 16/);
  });

  it('print the whole list in the error message', () => {
    expect(() => validateConfig({ server: { port: -1 } })).toThrow(
      /invalid configuration:\n {2}- server\.port/,
    );
    expect(() => validateConfig(null)).not.toThrow();
  });
});

describe('server.limits', () => {
  it('refuses a limit that is not a positive whole number, naming the key', () => {
    expect(issuesOf(() => validateConfig({ server: { limits: { maxDepth: 0 } } }))[0]).toMatch(
      /^server\.limits\.maxDepth.*at least 1/,
    );
    expect(issuesOf(() => loadConfig({ env: { SWITCHYARD_MAX_ARRAY_LENGTH: 'lots' } }))[0]).toMatch(
      /^server\.limits\.maxArrayLength \(from SWITCHYARD_MAX_ARRAY_LENGTH\)/,
    );
  });
});

describe('server.timeouts', () => {
  it('refuses a headers timeout longer than the request timeout that contains it', () => {
    expect(
      issuesOf(() => validateConfig({ server: { timeouts: { headersMs: 5_000, requestMs: 1_000 } } }))[0],
    ).toMatch(/^server\.timeouts\.headersMs.*must not exceed server\.timeouts\.requestMs/);
  });
});
