import { describe, expect, it } from 'vitest';
import { catalogued, ERRORS, isErrorCode, upstreamCode, type ErrorCode } from './catalogue.ts';

const entries = Object.entries(ERRORS) as [ErrorCode, (typeof ERRORS)[ErrorCode]][];

describe('error catalogue', () => {
  it('has one case style: every code is snake_case', () => {
    const offenders = entries.map(([code]) => code).filter((code) => !/^[a-z]+(_[a-z]+)*$/.test(code));
    expect(offenders).toEqual([]);
  });

  it('gives every code an error status and a sentence for a message', () => {
    for (const [code, entry] of entries) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.message, code).toMatch(/^[A-Z`a-z].*\.$/);
    }
  });

  it('spreads status, code and default message into a spec', () => {
    expect(catalogued('model_not_found')).toEqual({
      status: 404,
      code: 'model_not_found',
      message: ERRORS.model_not_found.message,
    });
  });

  it("tells the proxy's codes from anything else, own keys only", () => {
    expect(isErrorCode('stream_truncated')).toBe(true);
    expect(isErrorCode(upstreamCode('RESOURCE_EXHAUSTED'))).toBe(false);
    expect(isErrorCode('constructor')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
