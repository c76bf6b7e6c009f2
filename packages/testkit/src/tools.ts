import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from './paths.ts';

/** An external binary a lane needs, installed by scripts/bootstrap.sh and announced through an env var. */
export type ExternalTool = GoTool | DebianTool;

/** Built with `go install` at the version pinned in scripts/toolchain.env. */
interface GoTool {
  readonly name: string;
  readonly envVar: string;
  readonly packageKey: string;
  readonly versionKey: string;
}

/** Installed from Debian's packages (bootstrap runs apt-get when it is root); the distribution pins the version. */
interface DebianTool {
  readonly name: string;
  readonly envVar: string;
  readonly debianPackage: string;
}

export const EXTERNAL_TOOLS: Readonly<Record<string, ExternalTool>> = {
  k6: { name: 'k6', envVar: 'K6_BIN', packageKey: 'K6_PACKAGE', versionKey: 'K6_VERSION' },
  'toxiproxy-server': {
    name: 'toxiproxy-server',
    envVar: 'TOXIPROXY_SERVER_BIN',
    packageKey: 'TOXIPROXY_PACKAGE',
    versionKey: 'TOXIPROXY_VERSION',
  },
  actionlint: {
    name: 'actionlint',
    envVar: 'ACTIONLINT_BIN',
    packageKey: 'ACTIONLINT_PACKAGE',
    versionKey: 'ACTIONLINT_VERSION',
  },
  'redis-server': { name: 'redis-server', envVar: 'REDIS_SERVER_BIN', debianPackage: 'redis-server' },
};

/** scripts/toolchain.env parsed as KEY=VALUE lines (comments and blanks ignored). */
export function readToolchainPins(root: string = findRepoRoot(import.meta.dirname)): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const line of readFileSync(join(root, 'scripts', 'toolchain.env'), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) pins[match[1]] = match[2];
  }
  return pins;
}

/** The exact command that installs a tool at its pinned version. */
export function installCommand(
  tool: ExternalTool,
  pins: Record<string, string> = readToolchainPins(),
): string {
  if ('debianPackage' in tool) return `apt-get install -y ${tool.debianPackage}`;
  return `go install ${pins[tool.packageKey] ?? '?'}@${pins[tool.versionKey] ?? '?'}`;
}

export type ToolLookup =
  | { readonly available: true; readonly path: string }
  | { readonly available: false; readonly reason: string; readonly install: string };

/** Finds a tool through its env var; never guesses a PATH binary of unknown version. */
export function lookupTool(tool: ExternalTool, env: NodeJS.ProcessEnv = process.env): ToolLookup {
  const path = env[tool.envVar];
  const install = installCommand(tool);
  if (path === undefined || path === '') {
    return { available: false, reason: `${tool.name} not installed (${tool.envVar} unset)`, install };
  }
  try {
    accessSync(path, constants.X_OK);
    return { available: true, path };
  } catch {
    return { available: false, reason: `${tool.name} not executable at ${path}`, install };
  }
}

/** Like lookupTool, but throws a "not run" error for code paths that cannot continue without the tool. */
export function requireTool(name: string): string {
  const tool = EXTERNAL_TOOLS[name];
  if (tool === undefined) throw new Error(`unknown external tool ${name}`);
  const found = lookupTool(tool);
  if (!found.available) throw new Error(`not run: ${found.reason}. Install: ${found.install}`);
  return found.path;
}
