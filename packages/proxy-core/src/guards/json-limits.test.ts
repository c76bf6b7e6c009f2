import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../config/schema.ts';
import { findJsonLimitViolation, jsonLimitError, type JsonLimits } from './json-limits.ts';

const small: JsonLimits = { maxDepth: 4, maxArrayLength: 3, maxStringLength: 5, maxObjectKeys: 2 };

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let level = 1; level < depth; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('input limits: findJsonLimitViolation', () => {
  it('accepts a body exactly at every limit', () => {
    expect(findJsonLimitViolation({ a: [1, 2, { s: 'abcde' }], b: null }, small)).toBeUndefined();
    expect(findJsonLimitViolation(nested(4), small)).toBeUndefined();
  });

  it.each([
    ['maxDepth', { a: { b: [{ c: [1] }] } }, 'a.b[0].c'],
    ['maxArrayLength', { a: [{ b: [1, 2, 3, 4] }] }, 'a[0].b'],
    ['maxStringLength', { a: ['ok', 'too long'] }, 'a[1]'],
    ['maxObjectKeys', { a: [{ x: 1, y: 2, z: 3 }] }, 'a[0]'],
    ['maxStringLength', { 'a-very-long-key': 1 }, 'a-very-long-key'],
  ])('reports %s with the JSON path where it tripped (%j)', (limit, body, path) => {
    expect(findJsonLimitViolation(body, small)).toEqual({
      limit,
      max: small[limit as keyof JsonLimits],
      path,
    });
  });

  it('reports the first offender in document order', () => {
    const body = { one: ['x', 'y', 'z', 'w'], two: 'far too long' };
    expect(findJsonLimitViolation(body, small)).toMatchObject({ limit: 'maxArrayLength', path: 'one' });
  });

  it('walks 100,000 nesting levels without recursion and names the level that tripped', () => {
    const violation = findJsonLimitViolation(nested(100_000), DEFAULT_LIMITS);
    expect(violation).toMatchObject({ limit: 'maxDepth', max: DEFAULT_LIMITS.maxDepth });
    expect(violation?.path.startsWith('[0].a[0].a')).toBe(true);
    // A path that deep is shortened rather than echoed whole.
    expect(findJsonLimitViolation(nested(100_000), { ...DEFAULT_LIMITS, maxDepth: 5_000 })?.path).toMatch(
      /^\[0\]\.a.{290,}….{290,}$/,
    );
  });

  it('refuses a number too large to represent (1e400 parses as Infinity) as a 400 invalid_number naming it', () => {
    const body = JSON.parse('{"model":"m","tools":[{"parameters":{"maximum":1e400}}]}') as unknown;
    const violation = findJsonLimitViolation(body, DEFAULT_LIMITS);
    expect(violation).toMatchObject({ limit: 'finiteNumber', path: 'tools[0].parameters.maximum' });
    if (violation === undefined) throw new Error('no violation');
    expect(jsonLimitError(violation).spec).toMatchObject({
      status: 400,
      code: 'invalid_number',
      param: 'tools[0].parameters.maximum',
    });
    expect(findJsonLimitViolation(JSON.parse('[-1e999]') as unknown, DEFAULT_LIMITS)?.limit).toBe(
      'finiteNumber',
    );
    expect(findJsonLimitViolation(JSON.parse('1e400') as unknown, DEFAULT_LIMITS)?.limit).toBe(
      'finiteNumber',
    );
    expect(findJsonLimitViolation({ ok: 1e308 }, DEFAULT_LIMITS)).toBeUndefined();
  });

  it('a top-level string or scalar is checked too', () => {
    expect(findJsonLimitViolation('abcdef', small)).toEqual({ limit: 'maxStringLength', max: 5, path: '' });
    expect(findJsonLimitViolation(12, small)).toBeUndefined();
  });

  it('becomes a 400 naming the limit, its config key and the path', () => {
    expect(jsonLimitError({ limit: 'maxDepth', max: 4, path: 'a.b' }).spec).toEqual({
      status: 400,
      code: 'request_too_deep',
      message:
        "Request body nests objects and arrays deeper than 4 levels at 'a.b'; this server's limit is server.limits.maxDepth.",
      param: 'a.b',
    });
    expect(jsonLimitError({ limit: 'maxObjectKeys', max: 2, path: '' }).spec).toEqual({
      status: 400,
      code: 'limit_exceeded',
      message:
        "Request body has an object with more than 2 keys at the top level; this server's limit is server.limits.maxObjectKeys.",
    });
  });
});
