import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLeaks, makeCanary, summariseLeaks, type Canary, type Leak } from './canaries.ts';
import { ECHO_MODES, startEchoUpstream, UPSTREAM_MARKER, type EchoUpstream } from './echo-upstream.ts';
import { asText, exchange, readStream, wsTurn, type Seen } from './exchanges.ts';
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts';

/**
 * Canary scan with client AND upstream keys, against the built proxy as a real process: upstream keys come
 * from the config file and from the environment (keysEnv / *_API_KEY); a loopback upstream echoes whatever
 * key it receives, in every form, in its 400/401/403/500 bodies and in mid-stream error events. Traffic goes
 * through every route and dialect, streamed and not, the Responses WebSocket and control-plane turns; then
 * every sink is scanned for every canary form.
 *
 * The contract (design §3 "one egress scrub"): an upstream 401/403 reaches the client as 502
 * `upstream_authentication_failed`, `x-should-retry: false`, a message naming the provider and the config key
 * to fix and no upstream text; every secret and its derived forms is `[REDACTED]` in every sink.
 */
const PROVIDERS = [
  { name: 'openai', model: (mode: string) => `openai/gpt-echo-${mode}` },
  { name: 'anthropic', model: (mode: string) => `anthropic/claude-echo-${mode}` },
  { name: 'gemini', model: (mode: string) => `gemini/gemini-echo-${mode}` },
] as const;

const ROUTES = [
  {
    path: '/v1/chat/completions',
    body: (model: string, stream: boolean) => ({
      model,
      stream,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  },
  { path: '/v1/responses', body: (model: string, stream: boolean) => ({ model, stream, input: 'hi' }) },
  {
    path: '/v1/messages',
    body: (model: string, stream: boolean) => ({
      model,
      stream,
      max_tokens: 32,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  },
] as const;

/** Every place a client may put its key, used in turn so each one is exercised with the canary. */
function withClientKey(
  url: string,
  key: string,
  turn: number,
): { url: string; headers: Record<string, string> } {
  switch (turn % 4) {
    case 0:
      return { url, headers: { authorization: `Bearer ${key}` } };
    case 1:
      return { url, headers: { 'x-api-key': key } };
    case 2:
      return { url, headers: { 'x-goog-api-key': key } };
    default:
      return { url: `${url}${url.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`, headers: {} };
  }
}

interface AuthAnswer {
  readonly seen: Seen;
  readonly provider: string;
  readonly dialect: 'openai' | 'anthropic';
}

/** Why an upstream-auth failure answer breaks the contract; undefined when it keeps it. */
function authContractProblem({ seen, provider, dialect }: AuthAnswer): string | undefined {
  if (seen.status !== 502) return `status ${seen.status}, expected 502`;
  // A WebSocket error frame has no headers; every HTTP answer must carry the header.
  const isHttp = !seen.label.startsWith('WS ');
  if (isHttp && seen.headers['x-should-retry'] !== 'false') {
    return `x-should-retry is ${seen.headers['x-should-retry'] ?? 'absent'}, expected "false"`;
  }
  const body = JSON.parse(seen.text.split('\n').find((line) => line.startsWith('{')) ?? seen.text) as {
    error?: { code?: unknown; message?: unknown };
  };
  const message = typeof body.error?.message === 'string' ? body.error.message : '';
  if (dialect === 'openai' && body.error?.code !== 'upstream_authentication_failed') {
    return `code ${String(body.error?.code)}, expected upstream_authentication_failed`;
  }
  if (!message.includes(provider) || !message.includes(`providers.${provider}.keys`)) {
    return `the message does not name ${provider} and providers.${provider}.keys`;
  }
  if (message.includes(UPSTREAM_MARKER) || /Incorrect API key/i.test(message))
    return 'the message carries upstream text';
  return undefined;
}

/** Fails naming how many sinks leaked and the first (sink and form only, never the secret). */
function expectNoLeaks(leaks: readonly Leak[]): void {
  const summary = summariseLeaks(leaks);
  expect(summary, `${summary.length} sinks leak a canary; first: ${summary[0] ?? ''}`).toEqual([]);
}

describe('security: upstream-key-canaries — client and upstream canaries in every sink of the built proxy process', () => {
  const client = makeCanary('client', 'client key');
  const upstreamKeys = {
    openaiFile: makeCanary('oaifile', 'openai key (config file)'),
    openaiEnv: makeCanary('oaienv', 'openai key (keysEnv SY_SECURITY_OPENAI_KEYS)'),
    anthropicFile: makeCanary('antfile', 'anthropic key (config file)'),
    anthropicEnv: makeCanary('antenv', 'anthropic key (ANTHROPIC_API_KEY)'),
    geminiFile: makeCanary('gemfile', 'gemini key (config file)'),
    geminiEnv: makeCanary('gemenv', 'gemini key (GEMINI_API_KEY)'),
  };
  const allCanaries: Canary[] = [client, ...Object.values(upstreamKeys)];
  let upstream: EchoUpstream;
  let proxy: ProxyProcess;
  const modelRoutes: Seen[] = [];
  const wsFrames: Seen[] = [];
  const controlPlane: Seen[] = [];
  const metrics: Seen[] = [];
  const authAnswers: AuthAnswer[] = [];
  let logs: Buffer = Buffer.alloc(0);
  const dataFiles: { name: string; bytes: Buffer }[] = [];

  beforeAll(async () => {
    upstream = await startEchoUpstream();
    proxy = await startProxyProcess({
      config: {
        server: { host: '127.0.0.1' },
        auth: { keys: [{ id: 'security-client', key: client.value }] },
        logging: { level: 'debug' },
        modelPlane: {
          retries: { maxRetries: 0 },
          providers: {
            openai: {
              baseUrl: `${upstream.url}/v1`,
              keys: [upstreamKeys.openaiFile.value],
              keysEnv: ['SY_SECURITY_OPENAI_KEYS'],
              authCooldownMs: 0,
            },
            anthropic: {
              baseUrl: `${upstream.url}/v1`,
              keys: [upstreamKeys.anthropicFile.value],
              authCooldownMs: 0,
            },
            gemini: {
              baseUrl: `${upstream.url}/v1beta`,
              keys: [upstreamKeys.geminiFile.value],
              authCooldownMs: 0,
            },
          },
        },
      },
      env: {
        SY_SECURITY_OPENAI_KEYS: upstreamKeys.openaiEnv.value,
        ANTHROPIC_API_KEY: upstreamKeys.anthropicEnv.value,
        GEMINI_API_KEY: upstreamKeys.geminiEnv.value,
      },
    });

    // HTTP: every route × provider × mode, streamed and not; twice each, so both keys of a provider are used.
    let turn = 0;
    for (const route of ROUTES) {
      for (const provider of PROVIDERS) {
        for (const mode of ECHO_MODES) {
          for (const stream of [false, true]) {
            for (let round = 0; round < 2; round += 1) {
              const { url, headers } = withClientKey(`${proxy.url}${route.path}`, client.value, turn++);
              const label = `POST ${route.path} ${provider.name} ${mode}${stream ? ' stream' : ''} #${round}`;
              const seen = await exchange(label, url, {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/json' },
                body: JSON.stringify(route.body(provider.model(mode), stream)),
              });
              modelRoutes.push(seen);
              if (mode === '401' || mode === '403') {
                authAnswers.push({
                  seen,
                  provider: provider.name,
                  dialect: route.path === '/v1/messages' ? 'anthropic' : 'openai',
                });
              }
            }
          }
        }
      }
    }

    // The Responses WebSocket: one turn per provider and mode, twice.
    const wsUrl = `${proxy.url.replace(/^http/, 'ws')}/v1/responses?key=${encodeURIComponent(client.value)}`;
    for (const provider of PROVIDERS) {
      for (const mode of ECHO_MODES) {
        for (let round = 0; round < 2; round += 1) {
          const label = `WS /v1/responses ${provider.name} ${mode} #${round}`;
          const seen = await wsTurn(
            label,
            wsUrl,
            { type: 'response.create', model: provider.model(mode), input: 'hi' },
            10_000,
          );
          wsFrames.push(seen);
          if (mode === '401' || mode === '403') {
            const errorFrame = seen.text.split('\n').find((line) => line.includes('"type":"error"')) ?? '{}';
            authAnswers.push({
              seen: { ...seen, headers: {}, text: JSON.stringify(JSON.parse(errorFrame) as unknown) },
              provider: provider.name,
              dialect: 'openai',
            });
          }
        }
      }
    }

    // Control-plane turns on the echoing providers, then every read surface of each session.
    const auth = { authorization: `Bearer ${client.value}` };
    for (const provider of PROVIDERS) {
      for (const mode of ECHO_MODES) {
        const posted = await exchange(`POST /message ${provider.name} ${mode}`, `${proxy.url}/message`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'hi', model: provider.model(mode) }),
        });
        controlPlane.push(posted);
        const sessionId = (JSON.parse(posted.text) as { session_id?: string }).session_id;
        if (sessionId === undefined) continue;
        const query = `session_id=${encodeURIComponent(sessionId)}`;
        for (let waited = 0; waited < 10_000; waited += 50) {
          const status = await exchange('poll', `${proxy.url}/status?${query}`, { headers: auth });
          if (!status.text.includes('"running"')) break;
          await sleep(50);
        }
        controlPlane.push(
          await exchange(`GET /status ${provider.name} ${mode}`, `${proxy.url}/status?${query}`, {
            headers: auth,
          }),
        );
        controlPlane.push(
          await exchange(`GET /messages ${provider.name} ${mode}`, `${proxy.url}/messages?${query}`, {
            headers: auth,
          }),
        );
        controlPlane.push(
          await exchange(`DELETE /session ${provider.name} ${mode}`, `${proxy.url}/session?${query}`, {
            method: 'DELETE',
            headers: auth,
          }),
        );
        controlPlane.push(
          await readStream(
            `GET /events ${provider.name} ${mode}`,
            `${proxy.url}/events?${query}`,
            { headers: auth },
            3_000,
          ),
        );
      }
    }

    metrics.push(
      await exchange('GET /metrics', `${proxy.url}/metrics`, {
        headers: { authorization: `Bearer ${client.value}` },
      }),
    );
    metrics.push(
      await exchange('GET /v1/metrics/providers', `${proxy.url}/v1/metrics/providers`, {
        headers: { 'x-api-key': client.value },
      }),
    );

    const snapshot = (when: string) => {
      for (const name of readdirSync(proxy.dataDir)) {
        dataFiles.push({ name: `${name} (${when})`, bytes: readFileSync(join(proxy.dataDir, name)) });
      }
    };
    snapshot('running');
    await proxy.stop();
    snapshot('after shutdown');
    logs = proxy.logs();
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    proxy?.remove();
    await upstream?.close();
  });

  it('presented every upstream canary to the upstream and drove every door (the scan below looks at real traffic)', () => {
    for (const canary of Object.values(upstreamKeys)) {
      expect([...upstream.receivedKeys()], canary.label).toContain(canary.value);
    }
    expect(modelRoutes).toHaveLength(ROUTES.length * PROVIDERS.length * ECHO_MODES.length * 2 * 2);
    expect(wsFrames.every((seen) => seen.text !== '')).toBe(true);
    expect(
      controlPlane.filter((seen) => seen.label.startsWith('POST /message')).map((seen) => seen.status),
    ).toEqual(Array.from({ length: PROVIDERS.length * ECHO_MODES.length }, () => 202));
    expect(upstream.requestCount()).toBeGreaterThan(modelRoutes.length);
  });

  it('an upstream 401/403 reaches the client as 502 upstream_authentication_failed, x-should-retry: false, naming the provider and its config key, with no upstream text', () => {
    expect(authAnswers.length).toBeGreaterThanOrEqual(ROUTES.length * PROVIDERS.length * 2 * 2 * 2);
    const problems = authAnswers.flatMap((answer) => {
      const problem = authContractProblem(answer);
      return problem === undefined ? [] : [`${answer.seen.label}: ${problem}`];
    });
    expect(
      problems,
      `${problems.length} of ${authAnswers.length} broke the contract; first: ${problems[0] ?? ''}`,
    ).toEqual([]);
  });

  it('no client or upstream canary, in any derived form, in response bodies, headers or SSE frames of any route', () => {
    const leaks = modelRoutes.flatMap((seen) => findLeaks(seen.label, asText(seen), allCanaries));
    expectNoLeaks(leaks);
  });

  it('no canary, in any derived form, in Responses WebSocket frames', () => {
    const leaks = wsFrames.flatMap((seen) => findLeaks(seen.label, asText(seen), allCanaries));
    expectNoLeaks(leaks);
  });

  it('no canary, in any derived form, in control-plane answers, /status, /messages or /events', () => {
    expect(
      controlPlane.some((seen) => seen.label.startsWith('GET /events') && seen.text.includes('event:')),
    ).toBe(true);
    const leaks = controlPlane.flatMap((seen) => findLeaks(seen.label, asText(seen), allCanaries));
    expectNoLeaks(leaks);
  });

  it('no canary, in any derived form, in /metrics or /v1/metrics/providers', () => {
    expect(metrics.map((seen) => seen.status)).toEqual([200, 200]);
    const leaks = metrics.flatMap((seen) => findLeaks(seen.label, asText(seen), allCanaries));
    expectNoLeaks(leaks);
  });

  it("no canary, in any derived form, in the process's stdout or stderr (its logs)", () => {
    expect(logs.length).toBeGreaterThan(1_000);
    expectNoLeaks(findLeaks('proxy stdout/stderr', logs, allCanaries));
  });

  it('no canary, in any derived form, in the raw bytes of any file of the control-plane data dir (SQLite db, -wal, -shm)', () => {
    expect(dataFiles.map((file) => file.name)).toContain('switchyard.sqlite (after shutdown)');
    const leaks = dataFiles.flatMap((file) => findLeaks(`data dir ${file.name}`, file.bytes, allCanaries));
    expectNoLeaks(leaks);
  });
});
