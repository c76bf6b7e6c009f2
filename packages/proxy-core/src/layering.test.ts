/**
 * The folder layering (docs/layering.md) is enforced by lint: an import that goes up fails, one that goes down
 * passes, and tests may reach across. Checked with ESLint itself on the rules the repository's config spreads in,
 * so a rule that silently matches nothing (a wrong glob, a renamed folder) fails here.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM config module without type declarations
import { proxyCoreLayers } from '../layers.eslint.mjs';

const REPO = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: proxyCoreLayers as never });

async function restrictedImports(file: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${from}';\nexport { x };\n`, {
    filePath: join(REPO, 'packages/proxy-core/src', file),
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering is linted', () => {
  it.each([
    ['providers/x.ts', '../model-plane/prepare-call.ts'],
    ['providers/openai/x.ts', '../../server/build-server.ts'],
    ['dialects/x.ts', '../routes/models.ts'],
    ['streaming/x.ts', '../dialects/openai-chat/encode-stream.ts'],
    ['canonical/x.ts', '../providers/provider.ts'],
    ['errors/x.ts', '../http/api-error.ts'],
    ['model-plane/x.ts', '../server/build-server.ts'],
    ['control-plane/x.ts', '../routes/models.ts'],
  ])('refuses %s importing %s (upwards)', async (file, from) => {
    const messages = await restrictedImports(file, from);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('docs/layering.md');
  });

  it.each([
    ['model-plane/x.ts', '../providers/provider.ts'],
    ['providers/x.ts', '../canonical/request.ts'],
    ['server/x.ts', '../control-plane/turn-runner.ts'],
    // Tests and testing/ helpers build their rigs across layers.
    ['providers/x.test.ts', '../server/build-server.ts'],
    ['providers/testing/x.ts', '../model-plane/prepare-call.ts'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restrictedImports(file, from)).toEqual([]);
  });
});
