/**
 * Shape limits on a parsed JSON body: nesting depth, array length, string length, keys per object. Checked
 * once, right after parsing and before any decoder, fingerprint or provider sees the body, so every later
 * stage works on input of bounded shape. One iterative walk with an explicit stack: a body nested 100,000
 * levels deep must not overflow the call stack of the check meant to refuse it.
 */
import { fieldPath } from '../canonical/validate.ts';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';

export interface JsonLimits {
  readonly maxDepth: number;
  readonly maxArrayLength: number;
  readonly maxStringLength: number;
  readonly maxObjectKeys: number;
}

export type JsonLimitName = keyof JsonLimits;

/**
 * What a body broke: a shape limit, or `finiteNumber` — a number too large for a double (`1e400` parses as
 * Infinity, which no provider can be sent and no fingerprint can tell apart from another).
 */
export interface JsonLimitViolation {
  readonly limit: JsonLimitName | 'finiteNumber';
  /** The configured limit that was exceeded. */
  readonly max: number;
  /** Where it tripped, e.g. `input[3].content`; empty for the body itself. */
  readonly path: string;
}

/** A value still to visit (containers and strings); `parent` links rebuild the path only when a limit trips. */
interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly key: string | number | undefined;
}

/** Paths longer than this keep their start and end: a path thousands of levels deep is itself a hostile echo. */
const MAX_PATH_LENGTH = 600;

function pathOf(frame: Frame, last?: string): string {
  const keys: (string | number)[] = last === undefined ? [] : [last];
  for (let at: Frame | undefined = frame; at !== undefined; at = at.parent) {
    if (at.key !== undefined) keys.push(at.key);
  }
  const path = fieldPath(keys.reverse());
  if (path.length <= MAX_PATH_LENGTH) return path;
  return `${path.slice(0, MAX_PATH_LENGTH / 2)}…${path.slice(-MAX_PATH_LENGTH / 2)}`;
}

const isUnrepresentable = (value: unknown): boolean => typeof value === 'number' && !Number.isFinite(value);

const isWalked = (value: unknown): boolean =>
  typeof value === 'string' || (value !== null && typeof value === 'object');

/** The first limit `body` exceeds (depth-first), or undefined when it fits. */
export function findJsonLimitViolation(body: unknown, limits: JsonLimits): JsonLimitViolation | undefined {
  const violation = (
    limit: JsonLimitName | 'finiteNumber',
    frame: Frame,
    last?: string,
  ): JsonLimitViolation => ({
    limit,
    max: limit === 'finiteNumber' ? Number.MAX_VALUE : limits[limit],
    path: pathOf(frame, last),
  });
  const stack: Frame[] = [{ value: body, depth: 1, parent: undefined, key: undefined }];
  if (isUnrepresentable(body)) return violation('finiteNumber', stack[0] as Frame);
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, depth } = frame;
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) return violation('maxStringLength', frame);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) return violation('maxDepth', frame);
    // Sizes are checked before any child is visited, so an oversized container costs one length read.
    // Children are pushed in reverse so they are visited in document order.
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength) return violation('maxArrayLength', frame);
      for (let index = value.length - 1; index >= 0; index -= 1) {
        const child: unknown = value[index];
        if (isUnrepresentable(child)) return violation('finiteNumber', frame, String(index));
        if (isWalked(child)) stack.push({ value: child, depth: depth + 1, parent: frame, key: index });
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > limits.maxObjectKeys) return violation('maxObjectKeys', frame);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index] as string;
      // A key is a string the client chose too; the path shows only its start.
      if (key.length > limits.maxStringLength) return violation('maxStringLength', frame, key.slice(0, 32));
      const child = record[key];
      if (isUnrepresentable(child)) return violation('finiteNumber', frame, key.slice(0, 32));
      if (isWalked(child)) stack.push({ value: child, depth: depth + 1, parent: frame, key });
    }
  }
  return undefined;
}

const DESCRIPTIONS: Readonly<Record<JsonLimitName | 'finiteNumber', (max: number) => string>> = {
  finiteNumber: () => 'has a number too large to represent (JSON numbers must fit a 64-bit double)',
  maxDepth: (max) => `nests objects and arrays deeper than ${max} levels`,
  maxArrayLength: (max) => `has an array longer than ${max} items`,
  maxStringLength: (max) => `has a string longer than ${max} characters`,
  maxObjectKeys: (max) => `has an object with more than ${max} keys`,
};

/** The 400 for a body over a shape limit: names the limit, its config key and where it tripped. */
export function jsonLimitError(violation: JsonLimitViolation): ApiError {
  const where = violation.path === '' ? 'at the top level' : `at '${violation.path}'`;
  const { limit } = violation;
  return new ApiError({
    ...catalogued(
      limit === 'maxDepth'
        ? 'request_too_deep'
        : limit === 'finiteNumber'
          ? 'invalid_number'
          : 'limit_exceeded',
    ),
    message:
      `Request body ${DESCRIPTIONS[limit](violation.max)} ${where}` +
      (limit === 'finiteNumber' ? '.' : `; this server's limit is server.limits.${limit}.`),
    ...(violation.path === '' ? {} : { param: violation.path }),
  });
}
