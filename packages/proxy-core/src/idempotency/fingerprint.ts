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

/**
 * JSON with object keys sorted (by UTF-16 code units, recursively) and no whitespace. Follows JSON.stringify
 * for everything else: `undefined` object members are dropped, `undefined` array items become null. Values
 * JSON cannot carry (functions, symbols, bigints, class instances) throw instead of being silently changed,
 * because two different payloads must never share a fingerprint.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (isPlainObject(value)) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(',')}}`;
  }
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
