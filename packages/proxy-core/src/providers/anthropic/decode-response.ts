import { REDACTED_THINKING } from '../../canonical/content.ts';
import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { ZERO_USAGE } from '../../canonical/usage.ts';
import { catalogued } from '../../errors/catalogue.ts';
import { ProviderError } from '../provider-error.ts';
import { asArray, asObject, asString } from '../shared/json.ts';
import { anthropicFinishReason } from './finish-reason.ts';
import { anthropicUsage } from './usage.ts';

/** A non-streamed `message` as canonical events, block by block. */
export function decodeMessagesResponse(json: unknown): CanonicalStreamEvent[] {
  const message = asObject(json);
  if (message === undefined || !Array.isArray(message['content'])) {
    throw new ProviderError({
      ...catalogued('upstream_invalid_response'),
      message: 'The anthropic upstream answered without a `content` list.',
    });
  }
  const usage = anthropicUsage(message['usage']) ?? ZERO_USAGE;
  const events: CanonicalStreamEvent[] = [{ type: 'start', inputTokens: usage.inputTokens }];
  let tools = 0;
  for (const raw of asArray(message['content'])) {
    const block = asObject(raw);
    switch (asString(block?.['type'])) {
      case 'text': {
        const text = asString(block?.['text']) ?? '';
        if (text !== '') events.push({ type: 'text_delta', text });
        break;
      }
      case 'thinking': {
        events.push({ type: 'reasoning_delta', text: asString(block?.['thinking']) ?? '' });
        const signature = asString(block?.['signature']);
        if (signature !== undefined && signature !== '')
          events.push({ type: 'reasoning_signature', signature });
        break;
      }
      case 'redacted_thinking': {
        const data = asString(block?.['data']) ?? '';
        if (data !== '')
          events.push({ type: 'reasoning_signature', signature: data, issuer: REDACTED_THINKING });
        break;
      }
      case 'tool_use': {
        const index = tools++;
        events.push({
          type: 'tool_call_start',
          index,
          id: asString(block?.['id']) ?? `toolu_${index}`,
          name: asString(block?.['name']) ?? '',
        });
        events.push({
          type: 'tool_call_delta',
          index,
          argumentsDelta: JSON.stringify(block?.['input'] ?? {}),
        });
        break;
      }
      default:
        break;
    }
  }
  events.push({ type: 'usage', usage });
  events.push({ type: 'finish', reason: anthropicFinishReason(asString(message['stop_reason'])), usage });
  return events;
}
