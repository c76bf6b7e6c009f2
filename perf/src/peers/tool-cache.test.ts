import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { litellmInstallSteps } from './litellm.ts';
import { ensureInstalled, installCommandOf, peerPrefix, toolCacheRoot } from './tool-cache.ts';

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-peers-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('peer tool cache', () => {
  it('keys each peer by name and exact version under the same cache root as bootstrap.sh', () => {
    expect(toolCacheRoot({ SWITCHYARD_CACHE: '/c' })).toBe('/c');
    expect(toolCacheRoot({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/switchyard');
    expect(toolCacheRoot({ HOME: '/h' })).toBe('/h/.cache/switchyard');
    expect(peerPrefix('/c', 'litellm', '1.93.0')).toBe('/c/peers/litellm-1.93.0');
  });

  it('prints the install as a shell command a person can paste', () => {
    expect(installCommandOf(litellmInstallSteps('/c/peers/litellm-1.93.0'))).toBe(
      "python3 -m venv /c/peers/litellm-1.93.0 && /c/peers/litellm-1.93.0/bin/pip install --disable-pip-version-check --quiet 'litellm[proxy]==1.93.0'",
    );
  });

  it('installs once, reuses on the marker, and redoes a prefix left by another spec', async () => {
    const prefix = join(scratch(), 'peer-1.0.0');
    const touch = {
      command: process.execPath,
      args: ['-e', `require('node:fs').appendFileSync(${JSON.stringify(join(prefix, 'runs'))}, 'x')`],
      timeoutMs: 10_000,
    };
    expect(await ensureInstalled(prefix, 'peer==1.0.0', [touch])).toMatchObject({ ok: true, reused: false });
    expect(await ensureInstalled(prefix, 'peer==1.0.0', [touch])).toMatchObject({ ok: true, reused: true });
    expect(readFileSync(join(prefix, 'runs'), 'utf8')).toBe('x');
    writeFileSync(join(prefix, 'stale'), '');
    expect(await ensureInstalled(prefix, 'peer==1.0.1', [touch])).toMatchObject({ ok: true, reused: false });
    expect(existsSync(join(prefix, 'stale'))).toBe(false);
  });

  it('reports a failed step, leaves nothing that could be reused, and bounds each step in time', async () => {
    const prefix = join(scratch(), 'peer');
    const fail = {
      command: process.execPath,
      args: ['-e', 'console.error("no network"); process.exit(3)'],
      timeoutMs: 10_000,
    };
    const outcome = await ensureInstalled(prefix, 'peer==1', [fail]);
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/exited 3: no network/) as unknown });
    expect(existsSync(prefix)).toBe(false);
    const hang = { command: process.execPath, args: ['-e', 'setTimeout(() => {}, 60_000)'], timeoutMs: 200 };
    expect(await ensureInstalled(prefix, 'peer==1', [hang])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/exited 124/) as unknown,
    });
    const missing = { command: join(prefix, 'no-such-binary'), args: [], timeoutMs: 1_000 };
    expect(await ensureInstalled(prefix, 'peer==1', [missing])).toMatchObject({ ok: false });
  });
});
