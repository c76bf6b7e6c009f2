import { describe, expect, it } from 'vitest';
import { KeyPool } from './key-pool.ts';

function pool(keys: string[], clock: { now: number }): KeyPool {
  return new KeyPool({
    provider: 'openai',
    keys,
    rateLimitCooldownMs: 1000,
    authCooldownMs: 60_000,
    fixHint: 'set OPENAI_API_KEY',
    now: () => clock.now,
  });
}

describe('KeyPool', () => {
  it('rotates keys round-robin', () => {
    const keys = pool(['a', 'b', 'c'], { now: 0 });
    expect([1, 2, 3, 4].map(() => keys.acquire()?.value)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('cools a key down after 429 (exactly the stated wait) and 401, then brings it back', () => {
    const clock = { now: 0 };
    const keys = pool(['a', 'b'], clock);
    const a = keys.acquire();
    if (a === undefined) throw new Error('no key');
    keys.reportFailure(a, 429, 5000);
    expect([1, 2].map(() => keys.acquire()?.value)).toEqual(['b', 'b']);
    clock.now = 4999;
    expect(keys.acquire()?.value).toBe('b');
    clock.now = 5000;
    expect([1, 2].map(() => keys.acquire()?.value)).toEqual(['a', 'b']);
    const b = { value: 'b', slot: 1 };
    keys.reportFailure(b, 401, undefined);
    clock.now = 60_000;
    expect(keys.acquire()?.value).toBe('a');
    clock.now = 65_000;
    expect(keys.hasAvailable()).toBe(true);
  });

  it('scopes a 429 to the model that was limited, for exactly as long as the upstream said', () => {
    const clock = { now: 0 };
    const keys = new KeyPool({
      provider: 'openai',
      keys: ['only'],
      rateLimitCooldownMs: 30_000,
      authCooldownMs: 60_000,
      fixHint: 'set OPENAI_API_KEY',
      now: () => clock.now,
    });
    const key = keys.acquire('model-a');
    if (key === undefined) throw new Error('no key');
    keys.reportFailure(key, 429, 2000, 'model-a');
    // Another model of the same provider is not held back by model-a's limit.
    expect(keys.acquire('model-b')?.value).toBe('only');
    // No key for model-a: a final 429 with the wait, at once (never a silent wait inside the proxy).
    expect(() => keys.acquire('model-a')).toThrow(
      expect.objectContaining({ status: 429, retryAfterMs: 2000, retryable: false }),
    );
    clock.now = 2000; // the stated 2 s, not the 30 s default as a floor
    expect(keys.acquire('model-a')?.value).toBe('only');
    // A 429 that names no wait cools the model for the configured default.
    keys.reportFailure(key, 429, undefined, 'model-a');
    clock.now = 31_999;
    expect(keys.hasAvailable('model-a')).toBe(false);
    expect(keys.hasAvailable('model-b')).toBe(true);
    clock.now = 32_000;
    expect(keys.hasAvailable('model-a')).toBe(true);
  });

  it('leaves a key in rotation after other failures', () => {
    const keys = pool(['a'], { now: 0 });
    keys.reportFailure({ value: 'a', slot: 0 }, 500, undefined);
    expect(keys.acquire()?.value).toBe('a');
  });

  it('fails with 429 and the wait until the first key is back when all keys cool down', () => {
    const clock = { now: 100 };
    const keys = pool(['a', 'b'], clock);
    keys.reportFailure({ value: 'a', slot: 0 }, 429, undefined);
    keys.reportFailure({ value: 'b', slot: 1 }, 429, 3000);
    expect(keys.hasAvailable()).toBe(false);
    expect(() => keys.acquire()).toThrow(
      expect.objectContaining({
        status: 429,
        retryAfterMs: 1000,
        message: expect.stringContaining('OPENAI_API_KEY'),
      }),
    );
  });

  it('fails with the final 502 upstream_authentication_failed, not a 429 wait, when every key was refused', () => {
    const keys = pool(['a', 'b'], { now: 0 });
    keys.reportFailure({ value: 'a', slot: 0 }, 401, undefined);
    keys.reportFailure({ value: 'b', slot: 1 }, 403, undefined);
    expect(() => keys.acquire()).toThrow(
      expect.objectContaining({
        status: 502,
        code: 'upstream_authentication_failed',
        retryable: false,
        message: expect.stringContaining('OPENAI_API_KEY'),
      }),
    );
    // One key merely rate-limited: then waiting does help, and the client is told how long.
    const mixed = pool(['a', 'b'], { now: 0 });
    mixed.reportFailure({ value: 'a', slot: 0 }, 401, undefined);
    mixed.reportFailure({ value: 'b', slot: 1 }, 429, undefined);
    expect(() => mixed.acquire()).toThrow(expect.objectContaining({ status: 429 }));
  });

  it('has no key to give when empty (a provider enabled without keys)', () => {
    expect(pool([], { now: 0 }).acquire()).toBeUndefined();
  });
});
