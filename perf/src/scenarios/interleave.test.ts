import { describe, expect, it } from 'vitest';
import { rotated } from './interleave.ts';

describe('interleaved round order', () => {
  it('alternates two sides and lets each of n sides lead once every n rounds', () => {
    expect(rotated(['direct', 'proxy'], 0)).toEqual(['direct', 'proxy']);
    expect(rotated(['direct', 'proxy'], 1)).toEqual(['proxy', 'direct']);
    expect(rotated(['direct', 'proxy'], 2)).toEqual(['direct', 'proxy']);
    const four = ['d', 's', 'p', 'l'];
    expect([0, 1, 2, 3].map((r) => rotated(four, r)[0])).toEqual(four);
    expect(rotated(four, 5)).toEqual(['s', 'p', 'l', 'd']);
    expect(rotated([], 3)).toEqual([]);
  });
});
