import { randomUUID } from 'node:crypto';

/**
 * Opaque ids in the style each dialect uses (`chatcmpl-…`, `resp_…`, `msg_…`): the first 24 hex digits of a
 * random UUID (90 random bits; the version digit and two variant bits are fixed). randomUUID draws from a
 * cached entropy pool, about 3x cheaper than `randomBytes(12)` per id, which showed up at ~4 % of a
 * non-streamed request's CPU in profiles.
 */
export function newId(prefix: string): string {
  const uuid = randomUUID();
  return `${prefix}${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(14, 18)}${uuid.slice(19, 23)}${uuid.slice(24, 28)}`;
}
