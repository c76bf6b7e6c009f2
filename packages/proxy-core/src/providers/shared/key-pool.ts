import { ProviderError } from '../provider-error.ts';
import { isUpstreamAuthFailure, upstreamAuthFailure } from './upstream-error.ts';

export interface KeyPoolOptions {
  readonly provider: string;
  readonly keys: readonly string[];
  /** Cooldown after a 429 without a retry-after hint, and the floor under any hint. */
  readonly rateLimitCooldownMs: number;
  /** Cooldown after a 401/403: a rejected key is unlikely to recover soon. */
  readonly authCooldownMs: number;
  /** How to fix a missing or rejected key, appended to errors. */
  readonly fixHint: string;
  /** Injectable clock for tests. */
  readonly now?: () => number;
}

/** A key handed out for one upstream call; report its outcome back to the pool. */
export interface LeasedKey {
  readonly value: string;
  readonly slot: number;
}

/**
 * The provider's API keys, rotated round-robin. A key that got a 429 or 401/403 sits out a cooldown so
 * the next call (and the retry inside the same call) uses another key; when every key is cooling
 * down the call fails fast with 429 and the time until the first key is back.
 */
export class KeyPool {
  private readonly options: KeyPoolOptions;
  private readonly coolUntil: number[];
  /** The upstream status that put each key in cooldown (401/403 or 429). */
  private readonly coolStatus: number[];
  private next = 0;

  constructor(options: KeyPoolOptions) {
    this.options = options;
    this.coolUntil = options.keys.map(() => 0);
    this.coolStatus = options.keys.map(() => 0);
  }

  get size(): number {
    return this.options.keys.length;
  }

  /** The next available key; undefined when the pool is empty (a provider enabled without keys, for tests). */
  acquire(): LeasedKey | undefined {
    const { keys, provider, fixHint } = this.options;
    if (keys.length === 0) return undefined;
    const now = this.now();
    for (let offset = 0; offset < keys.length; offset += 1) {
      const slot = (this.next + offset) % keys.length;
      const value = keys[slot];
      if (value !== undefined && (this.coolUntil[slot] ?? 0) <= now) {
        this.next = (slot + 1) % keys.length;
        return { value, slot };
      }
    }
    // Every key refused by the upstream: waiting will not help and the client's key is not at fault.
    if (this.coolStatus.every(isUpstreamAuthFailure)) {
      throw new ProviderError(upstreamAuthFailure(provider, this.coolStatus[0] ?? 401, fixHint));
    }
    const waitMs = Math.max(0, Math.min(...this.coolUntil) - now);
    throw new ProviderError({
      status: 429,
      code: 'upstream_keys_cooling_down',
      message: `All ${keys.length} ${provider} API key(s) are cooling down after rate-limit or auth failures; retry in ${Math.ceil(waitMs / 1000)} s, or add keys (${fixHint}).`,
      retryAfterMs: waitMs,
    });
  }

  /** Puts the key in cooldown after an upstream 401/403/429; other statuses leave it in rotation. */
  reportFailure(key: LeasedKey, status: number, retryAfterMs: number | undefined): void {
    const { rateLimitCooldownMs, authCooldownMs } = this.options;
    let cooldown = 0;
    if (status === 401 || status === 403) cooldown = authCooldownMs;
    else if (status === 429) cooldown = Math.max(rateLimitCooldownMs, retryAfterMs ?? 0);
    if (cooldown > 0) {
      this.coolUntil[key.slot] = this.now() + cooldown;
      this.coolStatus[key.slot] = status;
    }
  }

  /** Whether another key could be tried right now (so a 401/429 is retried inside the same attempt). */
  hasAvailable(): boolean {
    const now = this.now();
    return this.coolUntil.some((until) => until <= now);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
