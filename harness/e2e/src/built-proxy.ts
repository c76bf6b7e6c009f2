import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The built `switchyard` entry point of proxy-core (turbo runs proxy-core#build before test:e2e). */
export function builtProxyBin(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@switchyard/proxy-core/package.json'));
  const bin = join(packageDir, 'dist', 'bin', 'switchyard.js');
  if (!existsSync(bin))
    throw new Error(`${bin} is missing: run \`pnpm build\` (turbo does this for test:e2e)`);
  return bin;
}
