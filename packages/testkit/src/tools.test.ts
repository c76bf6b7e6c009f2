import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_TOOLS, installCommand, lookupTool, readToolchainPins } from './tools.ts';

const k6 = EXTERNAL_TOOLS['k6']!;

describe('external tools', () => {
  it('reads the pinned versions from scripts/toolchain.env', () => {
    const pins = readToolchainPins();
    expect(pins['NODE_VERSION']).toMatch(/^24\.\d+\.\d+$/);
    expect(pins['K6_MODULE']).toBe('go.k6.io/k6/v2');
    expect(pins['TOXIPROXY_VERSION']).toBe('v2.12.0');
  });

  it('gives the exact go install command for a missing tool', () => {
    const found = lookupTool(k6, {});
    expect(found).toEqual({
      available: false,
      reason: 'k6 not installed (K6_BIN unset)',
      install: installCommand(k6),
    });
    expect(installCommand(k6)).toMatch(/^go install go\.k6\.io\/k6\/v2@v2\.\d+\.\d+$/);
  });

  it('gives the apt-get command for a tool Debian packages', () => {
    const redis = EXTERNAL_TOOLS['redis-server']!;
    expect(lookupTool(redis, {})).toEqual({
      available: false,
      reason: 'redis-server not installed (REDIS_SERVER_BIN unset)',
      install: 'apt-get install -y redis-server',
    });
  });

  it('refuses a path that is not executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-tools-'));
    const file = join(dir, 'k6');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o644);
    expect(lookupTool(k6, { K6_BIN: file })).toMatchObject({ available: false });
    chmodSync(file, 0o755);
    expect(lookupTool(k6, { K6_BIN: file })).toEqual({ available: true, path: file });
  });
});
