import { Writable } from 'node:stream';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelPlane } from '../model-plane/index.ts';
import { buildServer } from '../server/build-server.ts';
import { ALICE, BOB, testServer, withKeys, type TestServer } from '../server/testing/test-servers.ts';
import { createLogger } from './logger.ts';
import { collectSecrets } from '../secrets/collect-secrets.ts';
import { CENSOR, SecretScrubber, redactQuery } from '../secrets/secret-scrubber.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('no secret reaches a log line', () => {
  it('censors client keys from every auth mode, wrong keys in query strings, and logged headers', async () => {
    server = await testServer({ ...withKeys, logging: { level: 'trace' } });
    const http = request(server.app.server);
    const body = { model: 'mock/mock-small' };
    await http
      .post('/v1/chat/completions')
      .set('authorization', `Bearer ${ALICE.key}`)
      .send(body)
      .expect(200);
    await http.post('/v1/chat/completions').set('x-api-key', BOB.key).send(body).expect(200);
    await http.post('/v1/chat/completions').set('x-goog-api-key', ALICE.key).send(body).expect(200);
    await http
      .post(`/v1/chat/completions?key=${encodeURIComponent(BOB.key)}`)
      .send(body)
      .expect(200);
    await http.get('/v1/models?key=sk-test-guessed-by-attacker-123&token=tok-abcdef123456').expect(401);
    await http.get('/v1/models').set('authorization', 'Bearer sk-test-unknown-client-key-9876').expect(401);

    const log = server.logLines.join('\n');
    expect(server.logLines.length).toBeGreaterThan(10);
    for (const secret of [
      ALICE.key,
      BOB.key,
      encodeURIComponent(BOB.key),
      'sk-test-guessed-by-attacker-123',
      'tok-abcdef123456',
      'sk-test-unknown-client-key-9876',
    ]) {
      expect(log).not.toContain(secret);
    }
    // The lines are still useful: the route and the censored query are there.
    expect(log).toContain(`/v1/models?key=${CENSOR}&token=${CENSOR}`);
    expect(log).toContain('"authorization":"[REDACTED]"');
    expect(log).toContain('"x-api-key":"[REDACTED]"');
  });

  it('censors upstream provider keys found in the config, even inside messages and errors', () => {
    const upstreamKey = 'sk-test-upstream-openai-abcdef123456';
    const { lines, stream } = capture();
    const logger = createLogger({
      level: 'info',
      // The real config shape: a provider's keys are a list of bare strings.
      scrubber: new SecretScrubber(
        collectSecrets({ modelPlane: { providers: { openai: { keys: [upstreamKey] } } } }),
      ),
      destination: stream,
    });
    logger.info(`calling upstream with ${upstreamKey}`);
    logger.error(
      { err: new Error(`401 from upstream for key "${upstreamKey}"`), config: { apiKey: upstreamKey } },
      'failed',
    );
    logger.info(
      { headers: { authorization: `Bearer ${upstreamKey}`, 'x-goog-api-key': 'g-key-value' } },
      'upstream headers',
    );
    const log = lines.join('');
    expect(lines).toHaveLength(3);
    expect(log).not.toContain(upstreamKey);
    expect(log).not.toContain('g-key-value');
  });
  it('a real server censors upstream keys from its config and from keysEnv variables', async () => {
    const configKey = 'sk-test-upstream-config-key-0123456789';
    const envKey = 'sk-test-upstream-env-key-9876543210';
    const { lines, stream } = capture();
    const real = await buildServer(
      {
        controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-redact-')) },
        modelPlane: { providers: { openai: { keys: [configKey] } } },
      },
      {
        createModelPlane: (config) => createModelPlane(config, { env: { DEEPSEEK_API_KEY: envKey } }),
        logDestination: stream,
      },
    );
    try {
      real.app.log.error(`upstream said: invalid key ${configKey}; retried with ${envKey}`);
      real.app.log.warn({ upstream: { deepseek: envKey } }, 'key pool');
    } finally {
      await real.close();
    }
    const log = lines.join('');
    expect(log).toContain('upstream said: invalid key');
    expect(log).not.toContain(configKey);
    expect(log).not.toContain(envKey);
  });
});

describe('redaction helpers', () => {
  it('collects secret-looking config values, skipping short ones and non-secret fields', () => {
    const secrets = collectSecrets({
      auth: { keys: [{ id: 'ci-runner', key: 'client-secret-123456' }] },
      providers: [{ name: 'openai', api_key: 'upstream-secret-123' }, { token: 'short' }],
      modelPlane: { providers: { gemini: { keys: ['gemini-key-0123456789', 'short'] } } },
      server: { host: '127.0.0.1', allowedHosts: ['proxy.internal.example'] },
    });
    expect([...secrets].sort()).toEqual([
      'client-secret-123456',
      'gemini-key-0123456789',
      'upstream-secret-123',
    ]);
  });

  it('censors key-like query parameters and leaves others', () => {
    expect(redactQuery('/v1/models?key=abc&x=1&api_key=def&auth_token=ghi')).toBe(
      `/v1/models?key=${CENSOR}&x=1&api_key=${CENSOR}&auth_token=${CENSOR}`,
    );
    expect(redactQuery('/v1/models?key_id_hint_x=1&keyboard=2')).toBe(
      '/v1/models?key_id_hint_x=1&keyboard=2',
    );
  });

  it('scrubs the JSON-escaped form of a secret too', () => {
    const scrubber = new SecretScrubber(['sec"ret-with-quote']);
    expect(scrubber.scrub(JSON.stringify({ msg: 'x sec"ret-with-quote y' }))).toBe(
      JSON.stringify({ msg: `x ${CENSOR} y` }),
    );
    expect(SecretScrubber.empty.scrub('plain line')).toBe('plain line');
  });
});
