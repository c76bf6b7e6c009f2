/**
 * Reading the `Idempotency-Key` header and turning it into a scope. The draft defines the header as a
 * Structured Field String (`"…"`), but SDKs send it bare (`stainless-python-retry-…`): both are accepted and
 * mean the same key. Only a SHA-256 of the key leaves this module.
 */
import type { IdempotencyScope } from '../store/control-plane-store.ts';
import { sha256Hex } from './sha256.ts';

/** Longer keys are refused: the draft leaves the limit to the server, and 255 is the common one (Stripe). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export type IdempotencyKeyHeader =
  | { readonly kind: 'absent' }
  | { readonly kind: 'valid'; readonly key: string }
  /** → 400, with `reason` as the detail. */
  | { readonly kind: 'invalid'; readonly reason: string };

const QUOTED = /^"((?:[^"\\]|\\["\\])*)"$/;
/** Visible ASCII only: keys end up compared byte for byte, so invisible or non-ASCII look-alikes are refused. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** `raw` as Node gives a header: undefined when missing, an array when the header was repeated. */
export function readIdempotencyKey(raw: string | readonly string[] | undefined): IdempotencyKeyHeader {
  if (raw === undefined) return { kind: 'absent' };
  if (typeof raw !== 'string') return { kind: 'invalid', reason: 'send exactly one Idempotency-Key header' };
  const trimmed = raw.trim();
  const quoted = QUOTED.exec(trimmed);
  const key = quoted ? (quoted[1] ?? '').replace(/\\(["\\])/g, '$1') : trimmed;
  if (key === '') return { kind: 'invalid', reason: 'Idempotency-Key must not be empty' };
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return {
      kind: 'invalid',
      reason: `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    };
  }
  if (!VISIBLE_ASCII.test(key)) {
    return { kind: 'invalid', reason: 'Idempotency-Key must be visible ASCII characters (e.g. a UUID)' };
  }
  return { kind: 'valid', key };
}

export interface IdempotencyScopeInput {
  /** The authenticated client's id (never its secret). */
  readonly principal: string;
  /** Method and route template, e.g. `POST /v1/chat/completions`. */
  readonly route: string;
  /** The key as the client sent it; hashed here and not kept. */
  readonly key: string;
}

/** The same key used by another client or on another route is a different record (upstream shared one map). */
export function idempotencyScope(input: IdempotencyScopeInput): IdempotencyScope {
  return { principal: input.principal, route: input.route, keyHash: sha256Hex(input.key) };
}
