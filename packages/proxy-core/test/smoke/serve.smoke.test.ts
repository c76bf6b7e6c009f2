/**
 * `switchyard serve` as a real process on a fresh configuration: it starts on the built-in mock
 * provider, serves the shell's routes, enforces keys, and exits 0 on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'switchyard.ts');
const dir = mkdtempSync(join(tmpdir(), 'switchyard-smoke-'));
const KEY = 'sk-test-smoke-0123456789abcdef';

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly output: () => string;
}

let running: Running | undefined;
afterEach(() => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
});

/** Starts `switchyard serve --port 0 …` and waits for fastify's "Server listening at" line. */
async function start(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    // A scratch data directory per process: the smoke lane never touches the user's real store.
    env: {
      PATH: process.env['PATH'] ?? '',
      SWITCHYARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sy-smoke-')),
      ...env,
    },
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe('switchyard serve as a real process', () => {
  it('serves health, models and metrics on the mock provider, then exits 0 on SIGTERM', async () => {
    running = await start([]);
    const health = await fetch(`${running.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const models = (await (await fetch(`${running.url}/v1/models`)).json()) as {
      object: string;
      data: { id: string }[];
    };
    expect(models.object).toBe('list');
    expect(models.data.map((model) => model.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^mock\//)]),
    );
    const claude = (await (
      await fetch(`${running.url}/v1/models`, { headers: { 'user-agent': 'claude-cli/1.0' } })
    ).json()) as Record<string, unknown>;
    expect(claude).toMatchObject({ has_more: false, first_id: models.data[0]?.id });
    const prometheus = await fetch(`${running.url}/metrics`);
    expect(prometheus.headers.get('content-type')).toContain('text/plain');

    running.child.kill('SIGTERM');
    const [code] = (await once(running.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(running.output()).toContain('shutting down');
  });

  it('requires a key on every route but the probes once keys are configured, and keeps them out of logs', async () => {
    const config = join(dir, 'keys.yaml');
    writeFileSync(config, `auth:\n  keys:\n    - id: smoke\n      key: ${KEY}\n`);
    running = await start(['--config', config]);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    const denied = await fetch(`${running.url}/v1/models`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: 'missing_api_key' } });
    expect(
      (await fetch(`${running.url}/v1/metrics/providers`, { headers: { authorization: `Bearer ${KEY}` } }))
        .status,
    ).toBe(200);
    expect((await fetch(`${running.url}/v1/models?key=${KEY}`)).status).toBe(200);
    running.child.kill('SIGTERM');
    await once(running.child, 'exit');
    expect(running.output()).not.toContain(KEY);
  });

  it('refuses to bind beyond loopback without keys, saying how to add one', () => {
    const run = spawnSync(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--port', '0'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SWITCHYARD_API_KEYS=');
  });

  it('checks a config file without starting', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ server: { port: 9999 } }));
    const ok = spawnSync(process.execPath, [bin, 'config', 'check', good], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('ok (listens on 127.0.0.1:9999');
    const bad = spawnSync(process.execPath, [bin, 'config', 'check', good], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { PATH: process.env['PATH'] ?? '', SWITCHYARD_PORT: 'x' },
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('server.port (from SWITCHYARD_PORT): got "x"');
  });
});
