import { describe, expect, it } from 'vitest';
import { upstreamCode } from '../errors/catalogue.ts';
import { ProviderError, retryAfterFromHeaders } from './provider-error.ts';

const headers = (values: Record<string, string>) => new Headers(values);

describe('retryAfterFromHeaders', () => {
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(retryAfterFromHeaders(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterFromHeaders(headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterFromHeaders(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(
      3000,
    );
  });

  it('ignores missing and malformed hints', () => {
    expect(retryAfterFromHeaders(headers({}))).toBeUndefined();
    expect(retryAfterFromHeaders(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterFromHeaders(headers({ 'retry-after-ms': '-5', 'retry-after': '1' }))).toBe(1000);
  });
});

describe('ProviderError', () => {
  it('is retryable on 429 and 5xx only, and carries retry-after in exact (fractional) seconds', () => {
    expect(new ProviderError({ status: 429, code: upstreamCode('x'), message: 'x' }).retryable).toBe(true);
    expect(new ProviderError({ status: 401, code: upstreamCode('x'), message: 'x' }).retryable).toBe(false);
    expect(
      new ProviderError({ status: 503, code: upstreamCode('x'), message: 'x', retryAfterMs: 1500 }).toSpec(),
    ).toMatchObject({ retryAfterSeconds: 1.5 });
    expect(
      new ProviderError({ status: 500, code: upstreamCode('x'), message: 'x' }).toSpec(),
    ).not.toHaveProperty('retryAfterSeconds');
  });
});
