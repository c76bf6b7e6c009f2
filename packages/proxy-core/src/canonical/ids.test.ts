import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('is the prefix and 24 hex digits, different every time', () => {
    const ids = Array.from({ length: 1_000 }, () => newId('chatcmpl-'));
    for (const id of ids) expect(id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
