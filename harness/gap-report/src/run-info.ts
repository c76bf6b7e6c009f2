import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** HEAD's sha, or a plain explanation in a repository without commits (or without git). */
export function gitSha(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'no commit yet';
  }
}

export interface ToolVersion {
  readonly tool: string;
  /** The pin in scripts/toolchain.env. */
  readonly pinned: string;
  /** What the bootstrap found (SWITCHYARD_TOOL_VERSIONS); "not installed" when it announced none. */
  readonly installed: string;
}

const PINNED_KEYS: Readonly<Record<string, string>> = {
  node: 'NODE_VERSION',
  pnpm: 'PNPM_VERSION',
  k6: 'K6_VERSION',
  toxiproxy: 'TOXIPROXY_VERSION',
  actionlint: 'ACTIONLINT_VERSION',
};

function readPins(root: string): Record<string, string> {
  const path = join(root, 'scripts', 'toolchain.env');
  const pins: Record<string, string> = {};
  if (!existsSync(path)) return pins;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) pins[match[1]] = match[2];
  }
  return pins;
}

/** `node=v24.21.0 pnpm=12.21.0 k6= …` as written by scripts/bootstrap.sh (empty = not installed). */
function parseAnnounced(announced: string | undefined): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const pair of (announced ?? '').split(/\s+/).filter(Boolean)) {
    const [tool, version = ''] = pair.split('=');
    if (tool !== undefined) versions[tool] = version === '' ? 'not installed' : version;
  }
  return versions;
}

export function toolVersions(root: string, env: NodeJS.ProcessEnv = process.env): ToolVersion[] {
  const pins = readPins(root);
  const announced = parseAnnounced(env['SWITCHYARD_TOOL_VERSIONS']);
  return Object.entries(PINNED_KEYS).map(([tool, key]) => ({
    tool,
    pinned: pins[key] ?? 'unpinned',
    installed:
      tool === 'node' ? process.version : (announced[tool] ?? 'unknown (SWITCHYARD_TOOL_VERSIONS unset)'),
  }));
}
