import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { authenticate } from './authenticate.ts';
import { presentedCredentials } from './credentials.ts';
import { KeySet } from './key-set.ts';

const keys = new KeySet([
  { id: 'alice', key: 'alice-secret-0123456789' },
  { id: 'bob', key: 'bob-secret-0123456789' },
]);

function failure(run: () => unknown): ApiError['spec'] {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.spec;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('presentedCredentials', () => {
  it('lists credentials in the documented order: Bearer, x-api-key, x-goog-api-key, ?key=', () => {
    const found = presentedCredentials(
      { authorization: 'Bearer a', 'x-api-key': 'b', 'x-goog-api-key': 'c' },
      '/v1/models?key=d',
      true,
    );
    expect(found).toEqual([
      { source: 'authorization', secret: 'a' },
      { source: 'x-api-key', secret: 'b' },
      { source: 'x-goog-api-key', secret: 'c' },
      { source: 'query-key', secret: 'd' },
    ]);
  });

  it('ignores empty values, non-Bearer schemes and ?key= when disabled', () => {
    expect(presentedCredentials({ authorization: 'Basic abc', 'x-api-key': '  ' }, '/x?key=', true)).toEqual(
      [],
    );
    expect(presentedCredentials({}, '/x?key=d', false)).toEqual([]);
    expect(presentedCredentials({ authorization: 'bearer   spaced  ' }, '/x', true)).toEqual([
      { source: 'authorization', secret: 'spaced' },
    ]);
  });
});

describe('KeySet', () => {
  it('maps a secret to its principal and nothing else', () => {
    expect(keys.principalFor('bob-secret-0123456789')).toBe('bob');
    expect(keys.principalFor('bob-secret-012345678')).toBeUndefined();
    expect(keys.principalFor('')).toBeUndefined();
    expect(keys.isEmpty).toBe(false);
    expect(new KeySet([]).isEmpty).toBe(true);
  });
});

describe('authenticate', () => {
  it('returns the principal and the source of the first matching credential', () => {
    expect(authenticate(keys, { 'x-api-key': 'alice-secret-0123456789' }, '/', true)).toEqual({
      principal: 'alice',
      source: 'x-api-key',
    });
    // A stale Bearer token does not hide a valid x-api-key sent alongside it.
    expect(
      authenticate(keys, { authorization: 'Bearer stale', 'x-api-key': 'bob-secret-0123456789' }, '/', true),
    ).toEqual({ principal: 'bob', source: 'x-api-key' });
  });

  it('answers 401 missing_api_key when nothing is presented, naming where keys go', () => {
    const spec = failure(() => authenticate(keys, {}, '/', true));
    expect(spec).toMatchObject({ status: 401, code: 'missing_api_key' });
    expect(spec.message).toContain('?key=');
    expect(failure(() => authenticate(keys, {}, '/', false)).message).not.toContain('?key=');
  });

  it('answers 401 invalid_api_key for a wrong key, and for ?key= when query keys are off', () => {
    expect(failure(() => authenticate(keys, { authorization: 'Bearer nope' }, '/', true))).toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
    expect(failure(() => authenticate(keys, {}, '/?key=alice-secret-0123456789', false))).toMatchObject({
      code: 'missing_api_key',
    });
  });
});
