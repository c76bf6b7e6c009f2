import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { ZERO_USAGE } from '../../canonical/usage.ts';
import { catalogued } from '../../errors/catalogue.ts';
import { ApiError } from '../../http/api-error.ts';
import { ProviderError } from '../provider-error.ts';
import { asArray, asObject, asString, type JsonObject } from '../shared/json.ts';
import { failedResponseError } from './errors.ts';
import { responsesFinishReason } from './finish-reason.ts';
import { responsesUsage } from './usage.ts';
import { canonicalToolName, wrapCustomInput } from '../../dialects/openai-responses/tool-policy.ts';

function outputItemEvents(
  item: JsonObject,
  toolIndex: () => number,
  events: CanonicalStreamEvent[],
): { refused: boolean } {
  let refused = false;
  switch (asString(item['type'])) {
    case 'reasoning':
      for (const part of [...asArray(item['summary']), ...asArray(item['content'])]) {
        const text = asString(asObject(part)?.['text']);
        if (text !== undefined && text !== '') events.push({ type: 'reasoning_delta', text });
      }
      {
        // OpenAI's encrypted reasoning (asked for with `include`): the proof a replay hands back.
        const encrypted = asString(item['encrypted_content']);
        if (encrypted !== undefined && encrypted !== '')
          events.push({ type: 'reasoning_signature', signature: encrypted, issuer: 'openai' });
      }
      break;
    case 'message':
      for (const raw of asArray(item['content'])) {
        const part = asObject(raw);
        const text = asString(part?.['text']) ?? asString(part?.['refusal']);
        if (asString(part?.['type']) === 'refusal') refused = true;
        if (text !== undefined && text !== '') events.push({ type: 'text_delta', text });
      }
      break;
    case 'function_call':
    case 'custom_tool_call': {
      const index = toolIndex();
      events.push({
        type: 'tool_call_start',
        index,
        id: asString(item['call_id']) ?? `call_${index}`,
        name: canonicalToolName(asString(item['name']) ?? '', asString(item['namespace'])),
      });
      // A custom tool's freeform input is canonically the `{input}` argument of a function (tool-policy.ts).
      const args =
        item['type'] === 'custom_tool_call'
          ? wrapCustomInput(asString(item['input']) ?? '')
          : (asString(item['arguments']) ?? '');
      if (args !== '') events.push({ type: 'tool_call_delta', index, argumentsDelta: args });
      break;
    }
    default:
      // A hosted tool's item (web_search_call, …): kept whole for a Responses client (NativeItemEvent).
      events.push({
        type: 'native_item_event',
        dialect: 'openai-responses',
        event: { type: 'response.output_item.done', item },
      });
      break;
  }
  return { refused };
}

/** A non-streamed Responses object as canonical events; a `failed` response is the upstream's error. */
export function decodeResponsesResponse(json: unknown): CanonicalStreamEvent[] {
  const response = asObject(json);
  if (response === undefined || !Array.isArray(response['output'])) {
    throw new ProviderError({
      ...catalogued('upstream_invalid_response'),
      message: 'The openai upstream answered without an `output` list.',
    });
  }
  if (asString(response['status']) === 'failed') throw new ApiError(failedResponseError({ response }));
  const usage = responsesUsage(response['usage']) ?? ZERO_USAGE;
  const events: CanonicalStreamEvent[] = [{ type: 'start', inputTokens: usage.inputTokens }];
  let tools = 0;
  let refused = false;
  for (const raw of asArray(response['output'])) {
    const item = asObject(raw);
    if (item !== undefined) refused = outputItemEvents(item, () => tools++, events).refused || refused;
  }
  events.push({ type: 'usage', usage });
  events.push({ type: 'finish', reason: responsesFinishReason(response, tools > 0, refused), usage });
  return events;
}
