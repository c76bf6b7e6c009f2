import { describe, expect, it } from 'vitest';
import { CooldownRelay, keyId, parseSharedCooldown, type SharedCooldown } from './cooldown-relay.ts';
import { KeyPool } from './key-pool.ts';

/** Two replicas' relays wired to each other, as a shared store does; returns what crossed the wire. */
function linkedRelays(): { a: CooldownRelay; b: CooldownRelay; wire: SharedCooldown[] } {
  const [a, b] = [new CooldownRelay(), new CooldownRelay()];
  const wire: SharedCooldown[] = [];
  a.connect((cooldown) => {
    wire.push(cooldown);
    b.receive(cooldown);
  });
  b.connect((cooldown) => {
    wire.push(cooldown);
    a.receive(cooldown);
  });
  return { a, b, wire };
}

function pool(keys: string[], clock: { now: number }, relay: CooldownRelay, provider = 'openai'): KeyPool {
  return new KeyPool({
    provider,
    keys,
    rateLimitCooldownMs: 1000,
    authCooldownMs: 60_000,
    fixHint: 'set OPENAI_API_KEY',
    now: () => clock.now,
    relay,
  });
}

describe('key cooldowns shared between replicas', () => {
  it("cools the key on every replica after one replica's 429, for that model only and as long as stated", () => {
    const clock = { now: 0 };
    const { a, b, wire } = linkedRelays();
    const [onA, onB] = [pool(['k1', 'k2'], clock, a), pool(['k1', 'k2'], clock, b)];
    onA.reportFailure({ value: 'k1', slot: 0 }, 429, 5_000, 'gpt-x');

    expect([1, 2].map(() => onB.acquire('gpt-x')?.value)).toEqual(['k2', 'k2']);
    expect(onB.acquire('gpt-y')?.value).toBe('k1');
    clock.now = 5_000;
    expect(new Set([1, 2].map(() => onB.acquire('gpt-x')?.value))).toEqual(new Set(['k1', 'k2']));
    // Only a hash of the key crosses the wire.
    expect(wire).toEqual([
      { provider: 'openai', keyId: keyId('k1'), model: 'gpt-x', until: 5_000, status: 429 },
    ]);
    expect(JSON.stringify(wire)).not.toContain('"k1"');
  });

  it('cools the whole key everywhere after a 401, and leaves other providers and unknown keys alone', () => {
    const clock = { now: 0 };
    const { a, b } = linkedRelays();
    const onA = pool(['k1', 'k2'], clock, a);
    const onB = pool(['k2', 'k1'], clock, b);
    const otherProvider = pool(['k1'], clock, b, 'anthropic');
    const otherKeys = pool(['k3'], clock, b);
    onA.reportFailure({ value: 'k1', slot: 0 }, 401, undefined);

    expect([1, 2].map(() => onB.acquire('any')?.value)).toEqual(['k2', 'k2']);
    expect(otherProvider.acquire()?.value).toBe('k1');
    expect(otherKeys.acquire()?.value).toBe('k3');
  });

  it('never shortens a longer local cooldown with a shorter shared one', () => {
    const clock = { now: 0 };
    const { a, b } = linkedRelays();
    const [onA, onB] = [pool(['k1', 'k2'], clock, a), pool(['k1', 'k2'], clock, b)];
    onB.reportFailure({ value: 'k1', slot: 0 }, 429, 9_000, 'm');
    onA.reportFailure({ value: 'k1', slot: 0 }, 429, 1_000, 'm');
    clock.now = 5_000;
    expect(onB.acquire('m')?.value).toBe('k2');
    expect(onB.acquire('m')?.value).toBe('k2');
  });

  it('accepts only well-formed announcements from the wire', () => {
    const good = { provider: 'openai', keyId: 'ab'.repeat(8), model: '', until: 1, status: 401 };
    expect(parseSharedCooldown(good)).toEqual(good);
    expect(parseSharedCooldown({ ...good, until: 'soon' })).toBeUndefined();
    expect(parseSharedCooldown({ ...good, keyId: 'sk-the-real-key' })).toBeUndefined();
    expect(parseSharedCooldown('nonsense')).toBeUndefined();
  });
});
