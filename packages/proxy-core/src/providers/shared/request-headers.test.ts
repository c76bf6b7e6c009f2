import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestMetadata } from '../provider.ts';
import { baseHeaders, upstreamIdempotencyKey } from './request-headers.ts';

const metadata = (principal: string | undefined, idempotencyKey?: string): RequestMetadata => ({
  requestId: 'req-1',
  requestedModel: 'openai/gpt-5-codex-mini',
  attempt: 1,
  ...(principal === undefined ? {} : { principal }),
  ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
});

const options = { streamed: false, forwardIdempotencyKey: true, extra: {} };

describe('the Idempotency-Key sent upstream', () => {
  it('is the SHA-256 of principal and client key, so it is stable across retries and hides the raw key', () => {
    const expected = createHash('sha256').update('alice\norder-42').digest('hex');
    expect(upstreamIdempotencyKey('alice', 'order-42')).toBe(expected);
    const headers = baseHeaders(metadata('alice', 'order-42'), options);
    expect(headers['idempotency-key']).toBe(expected);
    expect(baseHeaders({ ...metadata('alice', 'order-42'), attempt: 3 }, options)['idempotency-key']).toBe(
      expected,
    );
    expect(JSON.stringify(headers)).not.toContain('order-42');
  });

  it('differs between two clients that picked the same key, so the upstream never merges their requests', () => {
    expect(upstreamIdempotencyKey('alice', '1')).not.toBe(upstreamIdempotencyKey('bob', '1'));
    expect(upstreamIdempotencyKey(undefined, '1')).not.toBe(upstreamIdempotencyKey('alice', '1'));
  });

  it('is absent without a client key, or when the provider does not take one', () => {
    expect(baseHeaders(metadata('alice'), options)).not.toHaveProperty('idempotency-key');
    expect(
      baseHeaders(metadata('alice', 'order-42'), { ...options, forwardIdempotencyKey: false }),
    ).not.toHaveProperty('idempotency-key');
  });
});
