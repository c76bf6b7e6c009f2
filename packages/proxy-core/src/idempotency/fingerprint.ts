/**
 * The request fingerprint: SHA-256 of a canonical JSON form of the payload, so the same request sent with its
 * keys in another order (or re-serialised by a different client library) still matches, and any change of a
 * value does not.
 */
import { sha256Hex } from './sha256.ts';

/** Hex SHA-256 of `canonicalJson(payload)`; `payload` is a parsed JSON body. */
export function requestFingerprint(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

/** Work still to do while serialising: raw text to emit, or a value to serialise. */
type Task = string | { readonly value: unknown };

/**
 * JSON with object keys sorted (by UTF-16 code units, recursively) and no whitespace. Follows JSON.stringify
 * for everything else: `undefined` object members are dropped, `undefined` array items become null. Values
 * JSON cannot carry (functions, symbols, bigints, class instances) throw instead of being silently changed,
 * because two different payloads must never share a fingerprint.
 *
 * Iterative, with an explicit stack: the payload is client data, and recursion would let a body nested a few
 * thousand levels deep overflow the call stack (a 500 on every idempotent route).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: Task[] = [{ value }];
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    if (typeof task === 'string') {
      out.push(task);
      continue;
    }
    const current = task.value;
    // Tasks are popped last-in first-out, so each container pushes its closing bracket first.
    if (Array.isArray(current)) {
      stack.push(']');
      for (let index = current.length - 1; index >= 0; index -= 1) {
        const item: unknown = current[index];
        stack.push(item === undefined ? 'null' : { value: item });
        if (index > 0) stack.push(',');
      }
      stack.push('[');
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current)
        .filter((key) => current[key] !== undefined)
        .sort();
      stack.push('}');
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] as string;
        stack.push({ value: current[key] }, `${JSON.stringify(key)}:`);
        if (index > 0) stack.push(',');
      }
      stack.push('{');
    } else {
      out.push(primitiveJson(current));
    }
  }
  return out.join('');
}

function primitiveJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  throw new TypeError(`cannot fingerprint a non-JSON value (${describe(value)})`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? Object.prototype.toString.call(value) : typeof value;
}
