import type { RetryPolicy } from './call-policy.ts';

/** Hints of 60 s or more are not waited out, as the official SDKs do, so one header cannot stall a request. */
const MAX_HONOURED_HINT_MS = 60_000;

/**
 * The upstream asked for a wait longer than a request should hold its client: retrying sooner would only
 * be refused again, so the error (and its hint) goes to the client instead.
 */
export function hintTooLongToWait(hintMs: number | undefined): boolean {
  return hintMs !== undefined && hintMs >= MAX_HONOURED_HINT_MS;
}

/**
 * Added to an upstream's hint: a timer can fire a millisecond before `Date.now()` reaches the instant it was set
 * for, and the key pool cools the limited key for exactly the hint, so a retry that waited exactly the hint could
 * find its own key still cooling and end the request with a 429 (seen in the S01 chaos scenario).
 */
export const HINT_MARGIN_MS = 20;

/**
 * Delay before retry number `retry` (1-based): the upstream's hint (plus {@link HINT_MARGIN_MS}) when it gave a sane one, else
 * exponential backoff capped at maxBackoffMs with 25 % jitter (factor 0.75–1.0, like the SDKs) so
 * clients that failed together do not retry together.
 */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  hintMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (hintMs !== undefined && hintMs >= 0 && hintMs < MAX_HONOURED_HINT_MS) return hintMs + HINT_MARGIN_MS;
  const exponential = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** (retry - 1));
  return Math.round(exponential * (0.75 + 0.25 * random()));
}
