import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '@switchyard/testkit/ports';
import { startService } from '@switchyard/testkit/processes';
import { builtProxyBin } from './built-proxy.ts';

describe('e2e: real processes', () => {
  it('runs the built switchyard binary', () => {
    const run = spawnSync(process.execPath, [builtProxyBin(), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^@switchyard\/proxy-core \d+\.\d+\.\d+\n$/);
  });

  it('starts a service on a free loopback port, waits for readiness, and frees the port on stop', async () => {
    const port = await freePort();
    const script = `require('node:http').createServer((q, s) => s.end('up')).listen(${port}, '127.0.0.1')`;
    const service = await startService({
      command: process.execPath,
      args: ['-e', script],
      readyUrl: `http://127.0.0.1:${port}/`,
    });
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('up');
    await service.stop();
    expect(service.child.signalCode).toBe('SIGTERM');
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('reports a process that dies before it is ready, with its output', async () => {
    const port = await freePort();
    await expect(
      startService({
        command: process.execPath,
        args: ['-e', 'console.error("boom"); process.exit(3)'],
        readyUrl: `http://127.0.0.1:${port}/`,
      }),
    ).rejects.toThrow(/exited with 3 before it was ready:\s+boom/);
  });
});
