import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { candidateWorkspaces } from '../evidence/lane-report.ts';
import { commandTexts, type MarkdownDoc } from './markdown.ts';

/** pnpm's own commands: naming them in docs is fine without a script of that name. */
const PNPM_BUILTINS = new Set([
  'install',
  'i',
  'add',
  'remove',
  'rm',
  'update',
  'up',
  'exec',
  'dlx',
  'create',
  'why',
  'list',
  'ls',
  'outdated',
  'store',
  'config',
  'init',
  'link',
  'unlink',
  'prune',
  'rebuild',
  'audit',
  'publish',
  'pack',
  'env',
  'self-update',
  'approve-builds',
  'fetch',
  'import',
  'deploy',
  'licenses',
  'patch',
  'patch-commit',
  'root',
  'bin',
  'help',
  'store',
  'cache',
]);
/** Flags that take a value, so the value is not the command. */
const FLAGS_WITH_VALUE = new Set(['--filter', '-F', '-C', '--dir', '--workspace-root']);

export interface NamedCommand {
  readonly name: string;
  readonly line: number;
  /** True when the command was scoped to a workspace (`--filter`, `-C`), so workspace scripts count. */
  readonly scoped: boolean;
}

/** `pnpm <command>` occurrences in one piece of code text. */
export function pnpmCommandsIn(code: string): { name: string; scoped: boolean }[] {
  const commands: { name: string; scoped: boolean }[] = [];
  for (const match of code.matchAll(/(?:^|[\s;&|(])pnpm((?:\s+[^\s;&|)]+)+)/g)) {
    const tokens = (match[1] ?? '').trim().split(/\s+/);
    let scoped = false;
    let index = 0;
    while (index < tokens.length && (tokens[index] ?? '').startsWith('-')) {
      const flag = tokens[index] ?? '';
      const bare = flag.split('=')[0] ?? flag;
      if (FLAGS_WITH_VALUE.has(bare)) scoped = true;
      index += FLAGS_WITH_VALUE.has(flag) ? 2 : 1;
    }
    if (tokens[index] === 'run' || tokens[index] === 'run-script') index += 1;
    const name = tokens[index];
    // Placeholders such as `pnpm …` or `pnpm <command>` name no command.
    if (name !== undefined && /^[a-z][\w:.-]*$/.test(name)) commands.push({ name, scoped });
  }
  return commands;
}

function scriptsOf(manifestPath: string): string[] {
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { scripts?: Record<string, unknown> };
  return Object.keys(manifest.scripts ?? {});
}

/** Root scripts and turbo task names (`//#x` and `pkg#x` count as `x`). */
export function knownRootCommands(root: string): Set<string> {
  const known = new Set(scriptsOf(join(root, 'package.json')));
  const turboPath = join(root, 'turbo.json');
  if (existsSync(turboPath)) {
    const turbo = JSON.parse(readFileSync(turboPath, 'utf8')) as { tasks?: Record<string, unknown> };
    for (const task of Object.keys(turbo.tasks ?? {})) known.add(task.slice(task.indexOf('#') + 1));
  }
  return known;
}

export function checkCommandsExist(root: string, docs: readonly MarkdownDoc[]): string[] {
  const rootCommands = knownRootCommands(root);
  const workspaceScripts = new Set(
    candidateWorkspaces(root).flatMap((workspace) => scriptsOf(join(root, workspace, 'package.json'))),
  );
  const findings: string[] = [];
  for (const doc of docs) {
    for (const { code, line } of commandTexts(doc.text)) {
      for (const command of pnpmCommandsIn(code)) {
        if (rootCommands.has(command.name) || PNPM_BUILTINS.has(command.name)) continue;
        if (command.scoped && workspaceScripts.has(command.name)) continue;
        findings.push(
          `${doc.path}:${line}: \`pnpm ${command.name}\` is neither a root script nor a turbo task`,
        );
      }
    }
  }
  return findings;
}
