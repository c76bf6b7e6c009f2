import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSecrets } from './secret-patterns.ts';
import { findRepoRoot } from '@switchyard/testkit/paths';

// Built at run time so this file itself holds no secret-shaped literal.
const fake = {
  openai: ['sk', 'proj', 'A1b2C3d4E5f6G7h8I9j0K1l2M3'].join('-'),
  aws: `AKIA${'ABCDEFGHIJKLMNOP'}`,
  google: `AIza${'x'.repeat(35)}`,
  github: `ghp_${'a'.repeat(36)}`,
  pem: ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '),
};

describe('security: secret scanner', () => {
  it.each(Object.entries(fake))('detects a %s-shaped secret and reports where, not what', (_kind, secret) => {
    const findings = findSecrets('doc.md', `line one\nexport KEY=${secret}\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'doc.md', line: 2 });
    expect(JSON.stringify(findings)).not.toContain(secret);
  });

  it('accepts obviously fake test keys and ordinary text', () => {
    expect(
      findSecrets('a.ts', 'const key = "sk-test-client-key";\nAuthorization: Bearer <your key>'),
    ).toEqual([]);
  });

  it('finds no real-looking secret in any tracked file of the repository', () => {
    const root = findRepoRoot(import.meta.dirname);
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((file) => file !== '' && !file.endsWith('pnpm-lock.yaml'));
    expect(files.length).toBeGreaterThan(10);
    const findings = files.flatMap((file) => {
      try {
        return findSecrets(file, readFileSync(join(root, file), 'utf8'));
      } catch {
        return [];
      }
    });
    expect(findings).toEqual([]);
  });
});
