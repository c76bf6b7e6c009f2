import type { ClientErrorCode } from '../errors/catalogue.ts';
import type { ApiErrorSpec } from '../http/api-error.ts';
import { isRetryable } from '../http/api-error.ts';

/** An upstream failure before the stream produced anything; the retry loop inspects it. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly status: number;
  readonly code: ClientErrorCode;
  /** Upstream's `retry-after-ms` / `retry-after` hint, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** Set when the status alone would say the wrong thing (a 502 for a rejected proxy key is final). */
  private readonly retryableOverride: boolean | undefined;

  constructor(spec: {
    status: number;
    code: ClientErrorCode;
    message: string;
    retryAfterMs?: number;
    retryable?: boolean;
  }) {
    super(spec.message);
    this.status = spec.status;
    this.code = spec.code;
    this.retryAfterMs = spec.retryAfterMs;
    this.retryableOverride = spec.retryable;
  }

  get retryable(): boolean {
    return isRetryable({ status: this.status, retryable: this.retryableOverride });
  }

  toSpec(): ApiErrorSpec {
    const base = {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.retryableOverride === undefined ? {} : { retryable: this.retryableOverride }),
    };
    return this.retryAfterMs === undefined
      ? base
      : // Kept exact (fractional): the client gets `retry-after-ms` as the upstream gave it.
        { ...base, retryAfterSeconds: this.retryAfterMs / 1000 };
  }
}

/**
 * Reads `retry-after-ms` first, then `retry-after` (seconds or an HTTP date), as the official SDKs do.
 * Provider adapters call this on upstream responses.
 */
export function retryAfterFromHeaders(
  headers: { get(name: string): string | null },
  now = Date.now(),
): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
