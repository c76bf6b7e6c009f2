import type { StreamFraming } from '../../streaming/outbound.ts';

/**
 * `streamGenerateContent` without `alt=sse`: Google answers one JSON array of `GenerateContentResponse` chunks
 * (`Content-Type: application/json`), sent element by element as they are made — `[{…}` then `\n,\r\n{…}` per
 * chunk and `\n]` at the end, as Google lays it out. A client parses it incrementally or as a whole; either way the
 * body is valid JSON at the end, a failure mid-stream included (an element holding Google's `{error}`). The
 * keep-alive is whitespace, which JSON allows between any two tokens.
 */
export const JSON_ARRAY_FRAMING: StreamFraming = {
  contentType: 'application/json; charset=utf-8',
  opening: '[',
  frame: (event, first) => `${first ? '' : '\n,\r\n'}${JSON.stringify(event.data)}`,
  closing: '\n]',
  keepAlive: '\n',
};
