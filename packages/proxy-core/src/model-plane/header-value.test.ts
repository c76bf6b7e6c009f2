import { describe, expect, it } from 'vitest';
import { headerList, headerSafe } from './header-value.ts';

describe('routing header values', () => {
  it('keeps printable ASCII and escapes everything else, lone surrogates included', () => {
    expect(headerSafe('temperature, top_p')).toBe('temperature, top_p');
    expect(headerSafe('a\u0000b\r\nc\u00ffd\u{1f600}\ud800')).toBe(
      'a\\u0000b\\u000d\\u000ac\\u00ffd\\ud83d\\ude00\\ud800',
    );
  });

  it('caps a long list and counts what it left out', () => {
    const items = Array.from({ length: 1000 }, (_, index) => `field_${index}`);
    const value = headerList(items, ', ');
    const shown = value.split(', ').filter((item) => item.startsWith('field_')).length;
    expect(value.endsWith(`... (+${1000 - shown} more)`)).toBe(true);
    expect(value.length).toBeLessThan(2100);
  });

  it('leaves a short list whole', () => {
    expect(headerList(['a', 'b'], '; ')).toBe('a; b');
  });
});
