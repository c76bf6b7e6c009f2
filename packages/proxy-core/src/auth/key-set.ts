/**
 * The configured client keys, compared in constant time. Secrets are hashed first so that
 * timingSafeEqual always compares equal-length buffers and the comparison leaks neither content nor
 * length; every configured key is compared on every attempt so the position of a match leaks nothing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ClientKey } from '../config/schema.ts';

interface HashedKey {
  readonly id: string;
  readonly digest: Buffer;
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export class KeySet {
  readonly #keys: readonly HashedKey[];

  constructor(keys: readonly ClientKey[]) {
    this.#keys = keys.map((key) => ({ id: key.id, digest: digest(key.key) }));
  }

  get isEmpty(): boolean {
    return this.#keys.length === 0;
  }

  /** The principal (key id) whose secret this is, or undefined. */
  principalFor(secret: string): string | undefined {
    const presented = digest(secret);
    let principal: string | undefined;
    for (const key of this.#keys) {
      if (timingSafeEqual(presented, key.digest) && principal === undefined) principal = key.id;
    }
    return principal;
  }
}
