import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBuiltProxy } from '@switchyard/testkit/built-proxy';
import { freePort } from '@switchyard/testkit/ports';
import { startService } from '@switchyard/testkit/processes';
import { builtProxyBin } from './built-proxy.ts';

/** True when nothing listens on the port any more: we can bind it ourselves. */
async function canBind(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('e2e: real processes', () => {
  it('runs the built switchyard binary', () => {
    const run = spawnSync(process.execPath, [builtProxyBin(), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^@switchyard\/proxy-core \d+\.\d+\.\d+\n$/);
  });

  it('starts the built binary on a free loopback port, waits for /readyz, and frees the port on stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-lifecycle-'));
    const proxy = await startBuiltProxy({ config: { controlPlane: { dataDir } } });
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(await canBind(proxy.port)).toBe(false);
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${proxy.url}/readyz`)).status).toBe(200);
    await proxy.stop();
    // SIGTERM is a graceful shutdown: the binary exits on its own, with status 0, before the grace period.
    expect({ code: proxy.service.child.exitCode, signal: proxy.service.child.signalCode }).toEqual({
      code: 0,
      signal: null,
    });
    await expect(fetch(`${proxy.url}/healthz`)).rejects.toThrow();
    expect(await canBind(proxy.port)).toBe(true);
  });

  it('reports a built binary that dies before it is ready (a bad config), with its output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-lifecycle-bad-'));
    const config = join(dir, 'switchyard.json');
    writeFileSync(config, JSON.stringify({ modelPlane: { retries: { baseBackoffMs: 'soon' } } }));
    const port = await freePort();
    await expect(
      startService({
        command: process.execPath,
        args: [builtProxyBin(), 'serve', '--port', String(port), '--config', config],
        readyUrl: `http://127.0.0.1:${port}/readyz`,
      }),
    ).rejects.toThrow(/exited with 1 before it was ready:[\s\S]*invalid configuration[\s\S]*baseBackoffMs/);
  });
});
