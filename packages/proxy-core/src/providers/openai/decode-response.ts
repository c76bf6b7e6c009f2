import { textEndPart, type StreamPart } from '../../canonical/stream-part.ts';
import { messageCitations } from './annotations.ts';
import { ZERO_USAGE } from '../../canonical/usage.ts';
import { catalogued } from '../../errors/catalogue.ts';
import { ApiError } from '../../http/api-error.ts';
import { ProviderError } from '../provider-error.ts';
import { asArray, asObject, asString, type JsonObject } from '../shared/json.ts';
import { responseMetadata } from '../shared/response-metadata.ts';
import { failedResponseError } from './errors.ts';
import { responsesFinish } from './finish-reason.ts';
import { responsesUsage } from './usage.ts';
import { canonicalToolName, wrapCustomInput } from '../../dialects/openai-responses/tool-policy.ts';

/** One output item as canonical parts, whole (the normaliser opens text as it comes and closes what it opens). */
function outputItemParts(
  item: JsonObject,
  id: string,
  toolIndex: () => number,
): { parts: StreamPart[]; refused: boolean } {
  switch (asString(item['type'])) {
    case 'reasoning': {
      const text = [...asArray(item['summary']), ...asArray(item['content'])]
        .map((part) => asString(asObject(part)?.['text']) ?? '')
        .join('');
      // OpenAI's encrypted reasoning (asked for with `include`): the proof a replay hands back.
      const encrypted = asString(item['encrypted_content']) ?? '';
      if (text === '' && encrypted === '') return { parts: [], refused: false };
      const metadata =
        encrypted === '' ? {} : { metadata: { signature: encrypted, issuer: 'openai' as const } };
      return {
        parts: [
          { type: 'reasoning-start', id },
          { type: 'reasoning-delta', id, delta: text },
          { type: 'reasoning-end', id, ...metadata },
        ],
        refused: false,
      };
    }
    case 'message': {
      let refused = false;
      const parts: StreamPart[] = asArray(item['content']).map((raw) => {
        const part = asObject(raw);
        if (asString(part?.['type']) === 'refusal') refused = true;
        return {
          type: 'text-delta',
          id,
          delta: asString(part?.['text']) ?? asString(part?.['refusal']) ?? '',
        };
      });
      return { parts: [...parts, textEndPart(id, messageCitations(item))], refused };
    }
    case 'function_call':
    case 'custom_tool_call': {
      const index = toolIndex();
      // A custom tool's freeform input is canonically the `{input}` argument of a function (tool-policy.ts).
      const input =
        item['type'] === 'custom_tool_call'
          ? wrapCustomInput(asString(item['input']) ?? '')
          : (asString(item['arguments']) ?? '');
      const call: StreamPart = {
        type: 'tool-call',
        id,
        toolCallId: asString(item['call_id']) ?? `call_${index}`,
        toolName: canonicalToolName(asString(item['name']) ?? '', asString(item['namespace'])),
        input,
      };
      return { parts: [call], refused: false };
    }
    default: {
      // A hosted tool's item (web_search_call, …): kept whole for a Responses client (NativeItemPart).
      const native: StreamPart = {
        type: 'native-item',
        dialect: 'openai-responses',
        event: { type: 'response.output_item.done', item },
      };
      return { parts: [native], refused: false };
    }
  }
}

/** A non-streamed Responses object as canonical parts; a `failed` response is the upstream's error. */
export function decodeResponsesResponse(json: unknown): StreamPart[] {
  const response = asObject(json);
  if (response === undefined || !Array.isArray(response['output'])) {
    throw new ProviderError({
      ...catalogued('upstream_invalid_response'),
      message: 'The openai upstream answered without an `output` list.',
    });
  }
  if (asString(response['status']) === 'failed') throw new ApiError(failedResponseError({ response }));
  const usage = responsesUsage(response['usage']) ?? ZERO_USAGE;
  const parts: StreamPart[] = [{ type: 'stream-start', warnings: [], usage }, responseMetadata(response)];
  let tools = 0;
  let refused = false;
  asArray(response['output']).forEach((raw, index) => {
    const item = asObject(raw);
    if (item === undefined) return;
    const decoded = outputItemParts(item, `item-${index}`, () => tools++);
    parts.push(...decoded.parts);
    refused = decoded.refused || refused;
  });
  parts.push({ type: 'usage', usage });
  parts.push(responsesFinish(response, tools > 0, refused, usage));
  return parts;
}
