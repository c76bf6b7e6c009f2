import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './cli.ts';
import type { SwitchyardConfigInput } from './config/schema.ts';
import { buildServer } from './server/build-server.ts';
import { createFakeModelPlane } from './server/testing/fake-model-plane.ts';
import { packageInfo } from './version.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], io: Partial<CliIo> = {}): Promise<Run> {
  const out = new PassThrough();
  const err = new PassThrough();
  const code = await runCli(argv, {
    out,
    err,
    // A scratch store: tests never write into the user's real data directory.
    env: { SWITCHYARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sy-cli-data-')) },
    createServer: (config: SwitchyardConfigInput) =>
      buildServer(config, { createModelPlane: createFakeModelPlane, logDestination: new PassThrough() }),
    ...io,
  });
  return { code, out: String(out.read() ?? ''), err: String(err.read() ?? '') };
}

describe('runCli basics', () => {
  it('prints name and version for --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await run([flag])).toEqual({
        code: 0,
        out: `${packageInfo.name} ${packageInfo.version}\n`,
        err: '',
      });
    }
  });

  it('prints usage for --help with exit 0, and for no command with exit 2', async () => {
    expect(await run(['--help'])).toMatchObject({
      code: 0,
      out: expect.stringContaining('serve [--config FILE]'),
    });
    expect(await run([])).toMatchObject({ code: 2, out: expect.stringContaining('Usage: switchyard') });
  });

  it('rejects an unknown command on stderr', async () => {
    expect(await run(['nope'])).toMatchObject({
      code: 2,
      out: '',
      err: expect.stringContaining('unknown command "nope"'),
    });
    expect(await run(['config', 'lint'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command "config lint"'),
    });
  });
});

describe('switchyard config check', () => {
  it('accepts a valid file and summarises it', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(
      file,
      'server:\n  port: 9001\nauth:\n  keys:\n    - {id: ci, key: sk-test-ci-0123456789abcdef}\n',
    );
    const result = await run(['config', 'check', file]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(
      /^\S+ok\.yaml: ok \(listens on 127\.0\.0\.1:9001; 1 client key; control-plane store: sqlite in \S+\)\n$/,
    );
  });

  it('names a Redis store without its password, and refuses a URL that is not redis://', async () => {
    const file = join(dir, 'redis.yaml');
    writeFileSync(
      file,
      'controlPlane:\n  store: {kind: redis, url: "redis://:s3cret-pass@127.0.0.1:6390/2"}\n',
    );
    const result = await run(['config', 'check', file]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'control-plane store: redis at redis://:***@127.0.0.1:6390/2 (key prefix switchyard:)',
    );
    expect(result.out).not.toContain('s3cret-pass');

    const bad = join(dir, 'bad-redis.yaml');
    writeFileSync(bad, 'controlPlane:\n  store: {kind: redis, url: "http://127.0.0.1:6379"}\n');
    const refused = await run(['config', 'check', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('controlPlane.store.url');
    expect(refused.err).toContain('must start with redis:// or rediss://');
  });

  it('reports every problem with exit 1, and usage errors with exit 2', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'server:\n  port: http\n  hots: x\n');
    const result = await run(['config', 'check', file], { env: { SWITCHYARD_NOPE: '1' } });
    expect(result.code).toBe(1);
    expect(result.err).toContain('server.port: got "http"');
    expect(result.err).toContain('server: unknown key(s) "hots"');
    expect(result.err).toContain('note: SWITCHYARD_NOPE is not a Switchyard setting');
    const open = join(dir, 'open.yaml');
    writeFileSync(open, 'server:\n  host: 0.0.0.0\n');
    expect(await run(['config', 'check', open])).toMatchObject({
      code: 1,
      err: expect.stringContaining('server.host: got "0.0.0.0"; refusing to listen beyond this machine'),
    });
    expect(
      await run(['config', 'check', open], { env: { SWITCHYARD_NOPE: '1', SWITCHYARD_HOST: '127.0.0.1' } }),
    ).toMatchObject({
      code: 0,
      err: expect.stringContaining('warning: SWITCHYARD_NOPE'),
    });
    expect(await run(['config', 'check'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('exactly one FILE'),
    });
    expect(await run(['config', 'check', '--strict', file])).toMatchObject({ code: 2 });
  });
});

describe('switchyard serve', () => {
  it('serves until stopped, on the flags over the config file, then exits 0', async () => {
    const file = join(dir, 'serve.yaml');
    writeFileSync(file, 'server:\n  port: 1\n');
    let stop: (reason: string) => void = () => undefined;
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    let health: unknown;
    const result = await run(['serve', '--config', file, '--host', '127.0.0.1', '--port', '0'], {
      stopSignal,
      onListening: (url) => {
        void fetch(`${url}/healthz`)
          .then(async (response) => (health = await response.json()))
          .finally(() => stop('test'));
      },
    });
    expect(result).toMatchObject({ code: 0 });
    expect(health).toEqual({ status: 'ok' });
  });

  it('uses SWITCHYARD_CONFIG when --config is absent', async () => {
    const result = await run(['serve'], { env: { SWITCHYARD_CONFIG: join(dir, 'missing.yaml') } });
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('missing.yaml" does not exist') });
  });

  it('rejects bad flags and a non-numeric port with exit 2', async () => {
    expect(await run(['serve', '--port', 'http'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--port must be a number'),
    });
    expect(await run(['serve', '--bogus'])).toMatchObject({ code: 2 });
    expect(await run(['serve', 'extra'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('no arguments'),
    });
  });

  it('refuses a public bind without keys, with exit 1 and how to add a key', async () => {
    const result = await run(['serve', '--host', '0.0.0.0']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('SWITCHYARD_API_KEYS=');
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const result = await run(['serve', '--port', String(port)], {
        stopSignal: new Promise(() => undefined),
      });
      expect(result.code).toBe(1);
      expect(result.err).toContain(`cannot listen on 127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
  });
});
