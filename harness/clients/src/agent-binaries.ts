/**
 * Where the pinned agent CLIs live once `pnpm install` has run. Codex and Claude Code ship their native binary in
 * a per-platform optional dependency; the lane runs that binary directly (Claude Code's postinstall, which
 * would copy it over a placeholder, is not allowed to run — see pnpm-workspace.yaml `allowBuilds`). The Gemini
 * CLI is one bundled Node script, run with this Node.
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

const installHint = (wrapper: string): string =>
  `pnpm install --frozen-lockfile (the lane pins ${wrapper} in harness/clients/package.json)`;

function platformBinary(wrapper: string, platformPackage: string, file: string): string {
  let dir: string;
  try {
    dir = packageDir(platformPackage, wrapper);
  } catch {
    throw new Error(
      `not run: ${platformPackage} is not installed for ${process.platform}-${process.arch}. Install: ${installHint(wrapper)}`,
    );
  }
  const binary = join(dir, file);
  if (!existsSync(binary)) throw new Error(`not run: ${binary} is missing. Install: ${installHint(wrapper)}`);
  return binary;
}

/** Rust target triples of the platforms `@openai/codex` ships a binary for. */
const CODEX_TARGETS: Readonly<Record<string, string>> = {
  'linux-x64': 'x86_64-unknown-linux-musl',
  'linux-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
};

/**
 * The Codex native binary. `@openai/codex` depends on its platform build under an alias
 * (`@openai/codex-linux-x64` → `@openai/codex@<version>-linux-x64`), binary in `vendor/<target>/bin/codex`.
 */
export function codexBinary(): string {
  const platform = `${process.platform}-${process.arch}`;
  const target = CODEX_TARGETS[platform];
  if (target === undefined) throw new Error(`not run: @openai/codex ships no binary for ${platform}`);
  return platformBinary('@openai/codex', `@openai/codex-${platform}`, join('vendor', target, 'bin', 'codex'));
}

/** The Claude Code native binary (`@anthropic-ai/claude-code-<platform>/claude`). */
export function claudeCodeBinary(): string {
  return platformBinary(
    '@anthropic-ai/claude-code',
    `@anthropic-ai/claude-code-${process.platform}-${process.arch}`,
    'claude',
  );
}

/** The Gemini CLI's bundled entry script (`@google/gemini-cli/bundle/gemini.js`, its package `bin`). */
export function geminiCliScript(): string {
  const wrapper = '@google/gemini-cli';
  let script: string;
  try {
    script = join(packageDir(wrapper), 'bundle', 'gemini.js');
  } catch {
    throw new Error(`not run: ${wrapper} is not installed. Install: ${installHint(wrapper)}`);
  }
  if (!existsSync(script)) throw new Error(`not run: ${script} is missing. Install: ${installHint(wrapper)}`);
  return script;
}
