import { describe, expect, it } from 'vitest';
import { integer, nullableText, oneOf, text } from './row-reader.ts';

describe('row-reader', () => {
  const row = { name: 'a', count: 3, big: 2 ** 60, missing: null, state: 'done' };

  it('reads columns of the expected type', () => {
    expect(text(row, 'name')).toBe('a');
    expect(nullableText(row, 'missing')).toBeNull();
    expect(integer(row, 'count')).toBe(3);
    expect(oneOf(row, 'state', ['running', 'done'])).toBe('done');
  });

  it('names the column and the value when the schema and the code disagree', () => {
    expect(() => text(row, 'count')).toThrow('column count: expected text, found 3');
    expect(() => integer(row, 'name')).toThrow('column name: expected integer, found a');
    expect(() => integer(row, 'big')).toThrow(/column big: expected integer/);
    expect(() => text(row, 'absent')).toThrow('column absent: expected text, found undefined');
    expect(() => oneOf(row, 'state', ['running', 'failed'])).toThrow(
      'column state: expected running|failed, found done',
    );
  });
});
