/**
 * A configuration that cannot be used. Each issue is one line naming the key (and where it came
 * from), the value, and the fix; secrets are never echoed back.
 */
import type { z } from 'zod';
import { isSecretField, isSecretListField } from './secret-fields.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.issues = issues;
  }
}

/**
 * A secret field, a secret list, or an item of one (a bare key where an `{id, key}` pair belongs, say);
 * the `id` beside a key is not secret.
 */
function holdsSecrets(path: readonly PropertyKey[]): boolean {
  const [parent, last] = path.slice(-2);
  if (typeof last === 'string') return isSecretField(last) || isSecretListField(last);
  return typeof parent === 'string' && isSecretListField(parent);
}

export function describeValue(path: readonly PropertyKey[], value: unknown): string {
  if (value !== undefined && holdsSecrets(path)) {
    if (typeof value === 'string') return `<secret, ${value.length} characters>`;
    return `<${Array.isArray(value) ? 'a list' : `a ${typeof value}`} that may hold secrets, not shown>`;
  }
  if (value === undefined) return 'nothing';
  // JSON.stringify is undefined only for functions and symbols, which YAML and env cannot produce.
  return JSON.stringify(value) ?? `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Turns zod issues into one readable line each; `sources` maps a key path to e.g. `SWITCHYARD_PORT`. */
export function describeIssues(
  error: z.ZodError,
  input: unknown,
  sources: ReadonlyMap<string, string>,
): string[] {
  return error.issues.map((issue) => {
    const key = formatPath(issue.path);
    // A variable sets a whole subtree (SWITCHYARD_API_KEYS → auth.keys): credit it for the keys below.
    const origin = issue.path
      .map((_segment, index) => sources.get(formatPath(issue.path.slice(0, issue.path.length - index))))
      .find((variable) => variable !== undefined);
    const where = origin === undefined ? key : `${key} (from ${origin})`;
    if (issue.code === 'unrecognized_keys') {
      return `${where}: unknown key(s) ${issue.keys.map((name) => `"${name}"`).join(', ')}. Fix: remove them or check the spelling`;
    }
    const value = describeValue(issue.path, valueAt(input, issue.path));
    return `${where}: got ${value}; ${issue.message}`;
  });
}
