import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..', '..');
const bin = join(packageDir, 'bin', 'switchyard.ts');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };

function switchyard(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 10_000 });
}

describe('switchyard CLI as a real process', () => {
  it('prints its version', () => {
    const run = switchyard('--version');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`@switchyard/proxy-core ${manifest.version}`);
  });

  it('rejects an unknown command with usage and exit code 2', () => {
    const run = switchyard('frobnicate');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('Usage: switchyard');
  });
});
