import type { StreamPart } from '../../canonical/stream-part.ts';
import { catalogued } from '../../errors/catalogue.ts';
import { ProviderError } from '../provider-error.ts';
import { asObject } from '../shared/json.ts';
import { GenerateContentDecoder } from './decode-stream.ts';

/** A non-streamed `generateContent` answer: the same decoding as one stream chunk, then its end. */
export function decodeGenerateContentResponse(json: unknown): StreamPart[] {
  const body = asObject(json);
  if (body === undefined || (body['candidates'] === undefined && body['promptFeedback'] === undefined)) {
    throw new ProviderError({
      ...catalogued('upstream_invalid_response'),
      message: 'The gemini upstream answered without candidates.',
    });
  }
  const decoder = new GenerateContentDecoder();
  const events: StreamPart[] = [...decoder.chunk(body), ...decoder.end()];
  // A complete body without finishReason still finished: there is nothing more to wait for.
  if (!events.some((event) => event.type === 'finish')) {
    const usage = events.findLast((event) => event.type === 'usage');
    events.push({
      type: 'finish',
      reason: 'stop',
      usage: usage?.type === 'usage' ? usage.usage : { inputTokens: 0, outputTokens: 0 },
    });
  }
  return events;
}
