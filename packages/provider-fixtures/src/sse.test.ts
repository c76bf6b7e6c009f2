import { describe, expect, it } from 'vitest';
import { formatSseFrame, parseSseFrames } from './sse.ts';

describe('SSE framing', () => {
  it('round-trips named and unnamed frames with LF and CRLF line ends', () => {
    const text =
      formatSseFrame({ event: 'message_start', data: '{"a":1}' }) +
      formatSseFrame({ data: '[DONE]' }, '\r\n');
    expect(text).toBe('event: message_start\ndata: {"a":1}\n\ndata: [DONE]\r\n\r\n');
    expect(parseSseFrames(text)).toEqual([{ event: 'message_start', data: '{"a":1}' }, { data: '[DONE]' }]);
  });

  it('joins multi-line data and skips comments', () => {
    expect(parseSseFrames(': keep-alive\n\ndata: a\ndata: b\n\n')).toEqual([{ data: 'a\nb' }]);
  });
});
