import { randomBytes } from 'node:crypto';

/** Opaque ids in the style each dialect uses (`chatcmpl-…`, `resp_…`, `msg_…`). */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}
