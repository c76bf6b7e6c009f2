import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from './fingerprint.ts';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: 1, c: 2 }] }, a: null }, '{"a":null,"z":{"y":[3,{"c":2,"d":1}]}}'],
    [{ b: undefined, a: 'x' }, '{"a":"x"}'],
    [[1, undefined, 'two'], '[1,null,"two"]'],
    [{ '10': 'ten', '9': 'nine', '': 'empty' }, '{"":"empty","10":"ten","9":"nine"}'],
    [{ é: 1, e: 2 }, '{"e":2,"é":1}'],
    ['quote " and \n newline', '"quote \\" and \\n newline"'],
    [1.5e-7, '1.5e-7'],
    [true, 'true'],
    [null, 'null'],
    [[], '[]'],
    [{}, '{}'],
  ])('serialises %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('accepts objects without a prototype (e.g. from a safe JSON parser)', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it('serialises 100,000 nesting levels without recursion (deep client JSON must not overflow the stack)', () => {
    const depth = 100_000;
    let nested: unknown = { z: 1, a: [] };
    for (let level = 0; level < depth; level += 1) nested = level % 2 === 0 ? [nested] : { b: nested, a: 0 };
    const half = depth / 2;
    const expected = `${'{"a":0,"b":['.repeat(half)}{"a":[],"z":1}${']}'.repeat(half)}`;
    expect(canonicalJson(nested)).toBe(expected);
    expect(requestFingerprint(nested)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [undefined, /undefined/],
    [Number.NaN, /NaN/],
    [Number.POSITIVE_INFINITY, /Infinity/],
    [10n, /bigint/],
    [() => 1, /function/],
    [Symbol('s'), /symbol/],
    [new Date(0), /Date/],
    [new Map([['a', 1]]), /Map/],
    [{ nested: [new Set([1])] }, /Set/],
  ])('refuses %s, which JSON cannot carry faithfully', (value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });
});

describe('requestFingerprint', () => {
  const payload = { session_id: 's1', message: 'hello', options: { temperature: 0.2, tools: ['a', 'b'] } };

  it('is a hex SHA-256 that ignores key order', () => {
    const reordered = {
      options: { tools: ['a', 'b'], temperature: 0.2 },
      message: 'hello',
      session_id: 's1',
    };
    expect(requestFingerprint(payload)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(payload));
  });

  it.each([
    ['a changed value', { ...payload, message: 'hello!' }],
    ['a changed type', { ...payload, options: { ...payload.options, temperature: '0.2' } }],
    ['reordered array items', { ...payload, options: { ...payload.options, tools: ['b', 'a'] } }],
    ['an added field', { ...payload, capability: 'continue' }],
  ])('changes with %s', (_what, changed) => {
    expect(requestFingerprint(changed)).not.toBe(requestFingerprint(payload));
  });
});
