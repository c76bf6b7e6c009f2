/**
 * Routing headers name things the client sent (an unknown field's name, a model's), and a client may send any
 * string: a control character or a non-Latin-1 character in a header value makes Node refuse the whole reply
 * (ERR_INVALID_CHAR, a 500), and thousands of field names make a header no client will parse (undici stops at
 * 16 KiB of headers). So a routing header value is printable ASCII, with anything else written as a JSON-style
 * `\uXXXX` escape (readable, unambiguous, never throws on a lone surrogate), and at most LIMIT characters, the
 * rest counted, not silently cut.
 */
const LIMIT = 2048;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;

export function headerSafe(value: string): string {
  return value.replace(
    NOT_PRINTABLE_ASCII,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A header naming a list of things: each item made header-safe, the list capped with a count of the rest. */
export function headerList(items: readonly string[], separator: string): string {
  let value = '';
  for (const [index, item] of items.entries()) {
    const next = `${index === 0 ? '' : separator}${headerSafe(item)}`;
    if (value.length + next.length > LIMIT) return `${value}${separator}... (+${items.length - index} more)`;
    value += next;
  }
  return value;
}
