import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundedArray, MAX_ITEM_ISSUES } from './bounded-array.ts';

describe('boundedArray (decoders stay bounded on hostile arrays)', () => {
  it('stops at the first bad item: 200,000 bad items cost one item check and a few issues', () => {
    let checked = 0;
    const item = z.union([
      z.looseObject({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() }),
      z.looseObject({ f: z.number() }),
    ]);
    const counted = z.unknown().transform((value) => {
      checked += 1;
      return value;
    });
    const schema = z.object({ items: boundedArray(counted.pipe(item)) });
    const result = schema.safeParse({ items: Array.from({ length: 200_000 }, () => ({})) });
    expect(result.success).toBe(false);
    expect(checked).toBe(1);
    expect(result.error?.issues.length).toBeLessThanOrEqual(MAX_ITEM_ISSUES);
    expect(result.error?.issues[0]?.path).toEqual(['items', 0]);
  });

  it('names the path inside the first bad item', () => {
    const schema = z.object({ list: boundedArray(z.object({ name: z.string() })) });
    const result = schema.safeParse({ list: [{ name: 'ok' }, { name: 3 }, { name: 4 }] });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['list', 1, 'name']]);
  });

  it('parses good items like z.array, with min and max', () => {
    const schema = boundedArray(
      z.string().transform((text) => text.toUpperCase()),
      { min: 1, max: 2 },
    );
    expect(schema.parse(['a', 'b'])).toEqual(['A', 'B']);
    expect(schema.safeParse([]).success).toBe(false);
    expect(schema.safeParse(['a', 'b', 'c']).success).toBe(false);
    expect(schema.safeParse('a').success).toBe(false);
  });

  it('inside a string-or-array union, reports the array branch’s item, not the whole field', () => {
    const schema = z.object({ input: z.union([z.string(), boundedArray(z.object({ t: z.string() }))]) });
    const result = schema.safeParse({ input: [{ t: 'x' }, { t: 1 }] });
    expect(result.error?.issues[0]?.path).toEqual(['input', 1, 't']);
  });
});
