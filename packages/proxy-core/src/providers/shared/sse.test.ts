import { describe, expect, it } from 'vitest';
import { randomSlices, seededRandom } from './testing/decode-in-slices.ts';
import { SseParser, type SseEvent } from './sse.ts';

function parseInSlices(text: string, seed: number): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  for (const slice of randomSlices(new TextEncoder().encode(text), seededRandom(seed), 5))
    events.push(...parser.push(slice));
  events.push(...parser.end());
  return events;
}

describe('SseParser', () => {
  const body =
    ': comment\nevent: a\ndata: {"x":"é🙂"}\n\ndata: line1\r\ndata:line2\r\n\r\nevent: b\rdata: z\r\rdata: last';
  const expected: SseEvent[] = [
    { event: 'a', data: '{"x":"é🙂"}' },
    { data: 'line1\nline2' },
    { event: 'b', data: 'z' },
    { data: 'last' },
  ];

  it('parses LF, CRLF and CR line ends, comments, multi-line data and a final event without a blank line', () => {
    expect(parseInSlices(body, 1)).toEqual(expected);
  });

  it('gives the same events whatever the chunk boundaries (inside CRLF and UTF-8 sequences too)', () => {
    for (let seed = 1; seed <= 200; seed += 1) expect(parseInSlices(body, seed)).toEqual(expected);
  });
});
