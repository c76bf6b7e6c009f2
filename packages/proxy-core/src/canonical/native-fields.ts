/**
 * The mechanics every dialect's field policy shares (design §3): which of a client's fields the canonical request
 * does not carry, which of those would change the answer if lost, and how a same-dialect upstream puts them back.
 * Each dialect's `field-policy.ts` owns its lists; this file owns none.
 */
import type { NativeFields, SourceDialect } from './request.ts';

/** Names that would reach the prototype chain of whatever object they are copied into. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A field's "losing this changes the answer" test, by its (dotted) name. */
export type SemanticTests = ReadonlyMap<string, (value: unknown) => boolean>;

/** The members of `object` not in `carried`, named `${prefix}${name}` (e.g. `generationConfig.seed`). */
export function uncarriedEntries(
  object: Readonly<Record<string, unknown>>,
  carried: ReadonlySet<string>,
  prefix = '',
): [string, unknown][] {
  return Object.entries(object)
    .filter(([name, value]) => !carried.has(name) && !PROTOTYPE_KEYS.has(name) && value !== undefined)
    .map(([name, value]) => [`${prefix}${name}`, value]);
}

/** The members of `body[key]` not in `carried`, named `key.member`; none when it is not an object. */
export function uncarriedMembers(
  body: Readonly<Record<string, unknown>>,
  key: string,
  carried: ReadonlySet<string>,
): [string, unknown][] {
  const object = body[key];
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return [];
  return uncarriedEntries(object as Record<string, unknown>, carried, `${key}.`);
}

/** The native fields of a request, with the ones whose loss would change the answer marked; none when empty. */
export function nativeFieldsOf(
  dialect: SourceDialect,
  entries: readonly [string, unknown][],
  semanticTests: SemanticTests,
): NativeFields | undefined {
  if (entries.length === 0) return undefined;
  const semantic = entries
    .filter(([name, value]) => semanticTests.get(name)?.(value) === true)
    .map(([name]) => name);
  return { dialect, fields: Object.fromEntries(entries), ...(semantic.length === 0 ? {} : { semantic }) };
}

/**
 * A same-dialect upstream's body gets the client's native fields back: `key.member` inside `body[key]` (created when
 * absent) for each `key` in `nested` (objects both the client and the proxy write: the policy named their members,
 * `uncarriedMembers`, or kept the whole object, whose members then join the proxy's), anything else at the top;
 * what the proxy encoded itself is never overwritten.
 */
export function restoreNativeFields(
  body: Record<string, unknown>,
  fields: Readonly<Record<string, unknown>>,
  nested: readonly string[] = [],
): void {
  for (const [name, value] of Object.entries(fields)) {
    const dot = name.indexOf('.');
    if (dot === -1 || !nested.includes(name.slice(0, dot))) {
      const existing = body[name];
      if (!Object.hasOwn(body, name)) body[name] = value;
      else if (nested.includes(name) && isObject(existing) && isObject(value))
        body[name] = { ...value, ...existing };
      continue;
    }
    const [key, member] = [name.slice(0, dot), name.slice(dot + 1)];
    const existing = body[key];
    if (existing === undefined) {
      body[key] = { [member]: value };
    } else if (isObject(existing)) {
      if (!Object.hasOwn(existing, member)) body[key] = { ...existing, [member]: value };
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
