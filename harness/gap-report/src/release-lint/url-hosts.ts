import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** Files that run or configure something: their URLs are where the product or harness can connect. */
const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|json|ya?ml|sh)$/;
/** Generated or third-party text whose URLs we do not choose. */
const NOT_SOURCE = /(?:^|\/)(?:pnpm-lock\.yaml|node_modules\/|reports\/|dist\/|coverage\/)/;

export const APPROVED_HOSTS_FILE = 'harness/gap-report/approved-hosts.yaml';

const approvedHostsSchema = z.object({
  hosts: z.array(z.object({ host: z.string().min(1), why: z.string().min(1) })).min(1),
});

export function loadApprovedHosts(root: string): Set<string> {
  const parsed = approvedHostsSchema.parse(parse(readFileSync(join(root, APPROVED_HOSTS_FILE), 'utf8')));
  return new Set(parsed.hosts.map((entry) => entry.host.toLowerCase()));
}

/** `*.example.com` approves every subdomain (not example.com itself: list it separately). */
export function isApproved(approved: ReadonlySet<string>, host: string): boolean {
  if (approved.has(host)) return true;
  const labels = host.split('.');
  return labels.slice(1).some((_label, index) => approved.has(`*.${labels.slice(index + 1).join('.')}`));
}

function walk(root: string, dir: string, files: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(root, path, files);
    else files.push(relative(root, path));
  }
}

/** Tracked files (git ls-files); a tree without git history is walked instead. */
export function sourceFiles(root: string): string[] {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean);
  } catch {
    files = [];
    walk(root, root, files);
  }
  return files.filter(
    (file) => SOURCE_EXTENSIONS.test(file) && !NOT_SOURCE.test(file) && existsSync(join(root, file)),
  );
}

/** Hosts of literal URLs; `http://${host}` templates name no host and are skipped. */
export function urlHosts(text: string): { readonly host: string; readonly line: number }[] {
  const found: { host: string; line: number }[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(
      /\b(?:https?|wss?):\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)/g,
    )) {
      if (match[1] !== undefined) found.push({ host: match[1].toLowerCase(), line: index + 1 });
    }
  });
  return found;
}

export function checkUrlHosts(root: string): string[] {
  const approved = loadApprovedHosts(root);
  const findings: string[] = [];
  for (const file of sourceFiles(root)) {
    for (const { host, line } of urlHosts(readFileSync(join(root, file), 'utf8'))) {
      if (!isApproved(approved, host))
        findings.push(`${file}:${line}: host ${host} is not on the approved list (${APPROVED_HOSTS_FILE})`);
    }
  }
  return findings;
}
