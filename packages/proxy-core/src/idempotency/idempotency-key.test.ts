import { describe, expect, it } from 'vitest';
import { idempotencyScope, MAX_IDEMPOTENCY_KEY_LENGTH, readIdempotencyKey } from './idempotency-key.ts';

describe('readIdempotencyKey', () => {
  it.each([
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['  stainless-python-retry-1  ', 'stainless-python-retry-1'],
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"a\\"b\\\\c"', 'a"b\\c'],
    ['"unbalanced', '"unbalanced'],
    ['x'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH), 'x'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH)],
  ])('reads %j as the key %j', (raw, key) => {
    expect(readIdempotencyKey(raw)).toEqual({ kind: 'valid', key });
  });

  it('treats a missing header as absent (the route decides whether it is required)', () => {
    expect(readIdempotencyKey(undefined)).toEqual({ kind: 'absent' });
  });

  it.each([
    ['', /must not be empty/],
    ['   ', /must not be empty/],
    ['""', /must not be empty/],
    ['x'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH + 1), /at most 255/],
    ['two words', /visible ASCII/],
    ['clé', /visible ASCII/],
    ['"tab\there"', /visible ASCII/],
  ])('refuses %j', (raw, reason) => {
    const result = readIdempotencyKey(raw);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' ? result.reason : '').toMatch(reason);
  });

  it('refuses a repeated header instead of picking one of the keys', () => {
    expect(readIdempotencyKey(['a', 'b'])).toEqual({
      kind: 'invalid',
      reason: 'send exactly one Idempotency-Key header',
    });
  });
});

describe('idempotencyScope', () => {
  it('keeps principal and route and replaces the key by its SHA-256', () => {
    expect(idempotencyScope({ principal: 'ci', route: 'POST /message', key: 'abc' })).toEqual({
      principal: 'ci',
      route: 'POST /message',
      keyHash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });
});
