import type { CanonicalStreamEvent } from '../../../canonical/stream-event.ts';
import { ZERO_USAGE } from '../../../canonical/usage.ts';
import { catalogued } from '../../../errors/catalogue.ts';
import { ProviderError } from '../../provider-error.ts';
import { asArray, asObject, asString } from '../json.ts';
import { chatFinishReason } from './finish-reason.ts';
import { chatUsage } from './usage.ts';

/** A non-streamed `chat.completion` as the canonical event sequence (reasoning, text, tool calls, finish). */
export function decodeChatResponse(provider: string, json: unknown): CanonicalStreamEvent[] {
  const body = asObject(json);
  const choice = asObject(asArray(body?.['choices'])[0]);
  const message = asObject(choice?.['message']);
  if (message === undefined) {
    throw new ProviderError({
      ...catalogued('upstream_invalid_response'),
      message: `The ${provider} upstream answered without choices[0].message.`,
    });
  }
  const usage = chatUsage(body?.['usage']) ?? ZERO_USAGE;
  const events: CanonicalStreamEvent[] = [{ type: 'start', inputTokens: usage.inputTokens }];
  const reasoning = asString(message['reasoning_content']);
  if (reasoning !== undefined && reasoning !== '') events.push({ type: 'reasoning_delta', text: reasoning });
  const content = asString(message['content']);
  if (content !== undefined && content !== '') events.push({ type: 'text_delta', text: content });
  const toolCalls = asArray(message['tool_calls']);
  toolCalls.forEach((raw, index) => {
    const call = asObject(raw);
    const fn = asObject(call?.['function']);
    events.push({
      type: 'tool_call_start',
      index,
      id: asString(call?.['id']) ?? `call_${index}`,
      name: asString(fn?.['name']) ?? '',
    });
    const args = asString(fn?.['arguments']) ?? '';
    if (args !== '') events.push({ type: 'tool_call_delta', index, argumentsDelta: args });
  });
  events.push({ type: 'usage', usage });
  events.push({
    type: 'finish',
    reason: chatFinishReason(asString(choice?.['finish_reason']), toolCalls.length > 0),
    usage,
  });
  return events;
}
