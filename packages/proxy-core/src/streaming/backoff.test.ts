import { describe, expect, it } from 'vitest';
import { backoffDelayMs, HINT_MARGIN_MS } from './backoff.ts';

const policy = { maxRetries: 3, baseBackoffMs: 100, maxBackoffMs: 1000 };

describe('backoffDelayMs', () => {
  it('grows exponentially with 0.75–1.0 jitter, capped at maxBackoffMs', () => {
    expect(backoffDelayMs(1, policy, undefined, () => 1)).toBe(100);
    expect(backoffDelayMs(2, policy, undefined, () => 0)).toBe(150);
    expect(backoffDelayMs(3, policy, undefined, () => 1)).toBe(400);
    expect(backoffDelayMs(10, policy, undefined, () => 1)).toBe(1000);
  });

  it('honours an upstream hint under 60 s (never retrying before it, so the key its 429 cooled is back), ignores longer ones', () => {
    expect(backoffDelayMs(1, policy, 2500, () => 1)).toBe(2500 + HINT_MARGIN_MS);
    expect(HINT_MARGIN_MS).toBeGreaterThan(0);
    expect(HINT_MARGIN_MS).toBeLessThanOrEqual(50);
    expect(backoffDelayMs(1, policy, 0, () => 1)).toBe(HINT_MARGIN_MS);
    expect(backoffDelayMs(1, policy, 60_000, () => 1)).toBe(100);
  });
});
