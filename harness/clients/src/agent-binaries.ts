/**
 * Where the pinned agent CLIs live once `pnpm install` has run. Both npm packages ship their native binary in
 * a per-platform optional dependency; the lane runs that binary directly (Claude Code's postinstall, which
 * would copy it over a placeholder, is not allowed to run — see pnpm-workspace.yaml `allowBuilds`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The package dir of `name` as seen from `fromPackage` (pnpm keeps optional platform packages unhoisted). */
function packageDir(name: string, fromPackage?: string): string {
  const resolver =
    fromPackage === undefined ? require : createRequire(require.resolve(`${fromPackage}/package.json`));
  return dirname(resolver.resolve(`${name}/package.json`));
}

function platformBinary(wrapper: string, platformPackage: string, file: string): string {
  const install = `pnpm install --frozen-lockfile (the lane pins ${wrapper} in harness/clients/package.json)`;
  let dir: string;
  try {
    dir = packageDir(platformPackage, wrapper);
  } catch {
    throw new Error(
      `not run: ${platformPackage} is not installed for ${process.platform}-${process.arch}. Install: ${install}`,
    );
  }
  const binary = join(dir, file);
  if (!existsSync(binary)) throw new Error(`not run: ${binary} is missing. Install: ${install}`);
  return binary;
}

/** The Claude Code native binary (`@anthropic-ai/claude-code-<platform>/claude`). */
export function claudeCodeBinary(): string {
  return platformBinary(
    '@anthropic-ai/claude-code',
    `@anthropic-ai/claude-code-${process.platform}-${process.arch}`,
    'claude',
  );
}
