import { catalogued } from '../../errors/catalogue.ts';
import { ProviderError } from '../provider-error.ts';
import { MAX_PER_MODEL_ENTRIES, setBounded } from './bounded-map.ts';
import { keyId, type CooldownRelay, type SharedCooldown } from './cooldown-relay.ts';
import { isUpstreamAuthFailure, upstreamAuthFailure } from './upstream-error.ts';

export interface KeyPoolOptions {
  readonly provider: string;
  readonly keys: readonly string[];
  /** Cooldown of a key for one model after a 429 that named no wait (a stated wait is used exactly). */
  readonly rateLimitCooldownMs: number;
  /** Cooldown after a 401/403: a rejected key is unlikely to recover soon. */
  readonly authCooldownMs: number;
  /** How to fix a missing or rejected key, appended to errors. */
  readonly fixHint: string;
  /** Injectable clock for tests. */
  readonly now?: () => number;
  /** Shares cooldowns with other replicas (see cooldown-relay.ts); absent: this process only. */
  readonly relay?: CooldownRelay;
}

/** A key handed out for one upstream call; report its outcome back to the pool. */
export interface LeasedKey {
  readonly value: string;
  readonly slot: number;
}

/**
 * The provider's API keys, rotated round-robin. A cooldown is scoped to what failed: a 429 cools that key for
 * that model only (providers rate-limit per model), for exactly as long as the upstream said (or
 * `rateLimitCooldownMs` when it said nothing); a 401/403 cools the whole key. The next call — and the retry
 * inside the same call — uses another key. When no key can serve the model, the call fails at once with 429
 * and the time until the first key is back (or with the final 502 when every key was refused): a cooldown is
 * a reason to use another key, never to wait silently.
 */
export class KeyPool {
  private readonly options: KeyPoolOptions;
  /** Key-wide cooldowns (refused keys), with the status that caused them. */
  private readonly refusedUntil: number[];
  private readonly refusedStatus: number[];
  /**
   * Rate-limit cooldowns per `slot\nmodel`; expired entries are dropped as they are met, and the oldest beyond
   * MAX_PER_MODEL_ENTRIES (models are the client's choice).
   */
  private readonly limitedUntil = new Map<string, number>();
  private next = 0;
  private readonly keyIds: readonly string[];

  constructor(options: KeyPoolOptions) {
    this.options = options;
    this.refusedUntil = options.keys.map(() => 0);
    this.refusedStatus = options.keys.map(() => 0);
    this.keyIds = options.relay === undefined ? [] : options.keys.map(keyId);
    options.relay?.listen((cooldown) => this.applyShared(cooldown));
  }

  get size(): number {
    return this.options.keys.length;
  }

  /**
   * The next key that may serve `model` (any model when absent); undefined when the pool is empty (a provider
   * enabled without keys, for tests).
   */
  acquire(model = ''): LeasedKey | undefined {
    const { keys, provider, fixHint } = this.options;
    if (keys.length === 0) return undefined;
    const now = this.now();
    for (let offset = 0; offset < keys.length; offset += 1) {
      const slot = (this.next + offset) % keys.length;
      const value = keys[slot];
      if (value !== undefined && this.coolingUntil(slot, model, now) <= now) {
        this.next = (slot + 1) % keys.length;
        return { value, slot };
      }
    }
    // Every key refused by the upstream: waiting will not help and the client's key is not at fault.
    if (this.refusedUntil.every((until) => until > now)) {
      throw new ProviderError(upstreamAuthFailure(provider, this.refusedStatus[0] ?? 401, fixHint));
    }
    const waitMs = Math.max(0, Math.min(...keys.map((_, slot) => this.coolingUntil(slot, model, now))) - now);
    // Final for this request: the proxy's own cooldown is no upstream statement worth holding a client for.
    throw new ProviderError({
      ...catalogued('upstream_keys_cooling_down'),
      message: `All ${keys.length} ${provider} API key(s) are cooling down for this model after rate-limit or auth failures; retry in ${Math.ceil(waitMs / 1000)} s, or add keys (${fixHint}).`,
      retryAfterMs: waitMs,
      retryable: false,
    });
  }

  /**
   * Cools the key after an upstream 401/403 (every model) or 429 (`model` only, for the stated wait or the
   * default); other statuses leave it in rotation.
   */
  reportFailure(key: LeasedKey, status: number, retryAfterMs: number | undefined, model = ''): void {
    const now = this.now();
    if (isUpstreamAuthFailure(status)) {
      this.refusedUntil[key.slot] = now + this.options.authCooldownMs;
      this.refusedStatus[key.slot] = status;
      this.share(key.slot, '', now + this.options.authCooldownMs, status);
    } else if (status === 429) {
      const cooldown = retryAfterMs ?? this.options.rateLimitCooldownMs;
      if (cooldown > 0) {
        setBounded(this.limitedUntil, `${key.slot}\n${model}`, now + cooldown, MAX_PER_MODEL_ENTRIES);
        this.share(key.slot, model, now + cooldown, status);
      }
    }
  }

  /** Another replica cooled one of our keys: cool it here too (never shortening a longer local cooldown). */
  private applyShared(cooldown: SharedCooldown): void {
    if (cooldown.provider !== this.options.provider) return;
    const slot = this.keyIds.indexOf(cooldown.keyId);
    if (slot === -1) return;
    if (isUpstreamAuthFailure(cooldown.status)) {
      if (cooldown.until > (this.refusedUntil[slot] ?? 0)) {
        this.refusedUntil[slot] = cooldown.until;
        this.refusedStatus[slot] = cooldown.status;
      }
      return;
    }
    const scope = `${slot}\n${cooldown.model}`;
    if (cooldown.until > (this.limitedUntil.get(scope) ?? 0))
      setBounded(this.limitedUntil, scope, cooldown.until, MAX_PER_MODEL_ENTRIES);
  }

  private share(slot: number, model: string, until: number, status: number): void {
    const id = this.keyIds[slot];
    if (id !== undefined)
      this.options.relay?.announce({ provider: this.options.provider, keyId: id, model, until, status });
  }

  /** Whether another key could serve `model` right now (so a 401/429 is retried inside the same attempt). */
  hasAvailable(model = ''): boolean {
    const now = this.now();
    return this.options.keys.some((_, slot) => this.coolingUntil(slot, model, now) <= now);
  }

  private coolingUntil(slot: number, model: string, now: number): number {
    const scope = `${slot}\n${model}`;
    const limited = this.limitedUntil.get(scope) ?? 0;
    if (limited !== 0 && limited <= now) this.limitedUntil.delete(scope);
    return Math.max(this.refusedUntil[slot] ?? 0, limited);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
