/**
 * Key cooldowns shared between replicas. A KeyPool announces each cooldown it starts (a 429 for one model, a
 * 401/403 for the whole key) and applies the ones other replicas announce, so one replica's 429 cools the key
 * for all of them. The relay only carries announcements; a shared store (Redis pub/sub) connects it to the
 * other replicas. Without one it is a no-op and every replica keeps its own cooldowns, as before.
 *
 * A key is named by a short hash of its value, never the key: the announcement travels through Redis.
 */
import { createHash } from 'node:crypto';
import { Relay } from './relay.ts';

export interface SharedCooldown {
  readonly provider: string;
  /** `keyId(value)` of the cooled key. */
  readonly keyId: string;
  /** The model a 429 was about; '' for a key-wide (401/403) cooldown. */
  readonly model: string;
  /** Epoch milliseconds the cooldown lasts until. */
  readonly until: number;
  /** The upstream status that caused it (401, 403 or 429). */
  readonly status: number;
}

/** 16 hex characters of the key's SHA-256: enough to tell a provider's keys apart, useless to an attacker. */
export function keyId(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** Key cooldowns between replicas. */
export class CooldownRelay extends Relay<SharedCooldown> {}

const KEY_ID = /^[0-9a-f]{16}$/;

/** An announcement from another replica, checked field by field; undefined when it is not one. */
export function parseSharedCooldown(message: unknown): SharedCooldown | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { provider, keyId: id, model, until, status } = message as Record<string, unknown>;
  const valid =
    typeof provider === 'string' &&
    typeof id === 'string' &&
    KEY_ID.test(id) &&
    typeof model === 'string' &&
    typeof until === 'number' &&
    Number.isFinite(until) &&
    typeof status === 'number';
  return valid ? { provider, keyId: id, model, until, status } : undefined;
}
