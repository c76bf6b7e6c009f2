import { textEndPart, type StreamPart } from '../../canonical/stream-part.ts';
import { ZERO_USAGE } from '../../canonical/usage.ts';
import { catalogued } from '../../errors/catalogue.ts';
import { ProviderError } from '../provider-error.ts';
import { asArray, asObject, asString, type JsonObject } from '../shared/json.ts';
import { anthropicFinishReason } from './finish-reason.ts';
import { responseMetadata } from '../shared/response-metadata.ts';
import { anthropicUsage } from './usage.ts';
import { isNativeBlock, nativeBlockPart } from './native-blocks.ts';
import { anthropicCitations } from './citations.ts';

/** One content block as canonical parts, whole (the normaliser closes what it opens). */
function blockParts(block: JsonObject | undefined, id: string): StreamPart[] {
  const type = asString(block?.['type']);
  // server_tool_use, web_search_tool_result, …: kept whole for a Messages client (NativeItemPart).
  if (block !== undefined && isNativeBlock(type)) return [nativeBlockPart(block)];
  switch (type) {
    case 'text':
      return [
        { type: 'text-delta', id, delta: asString(block?.['text']) ?? '' },
        textEndPart(id, anthropicCitations(block?.['citations'])),
      ];
    case 'thinking': {
      const signature = asString(block?.['signature']);
      return [
        { type: 'reasoning-start', id },
        { type: 'reasoning-delta', id, delta: asString(block?.['thinking']) ?? '' },
        { type: 'reasoning-end', id, ...(signature === undefined ? {} : { metadata: { signature } }) },
      ];
    }
    case 'redacted_thinking':
      return [
        { type: 'reasoning-start', id, metadata: { redactedData: asString(block?.['data']) ?? '' } },
        { type: 'reasoning-end', id },
      ];
    case 'tool_use':
      return [
        {
          type: 'tool-call',
          id,
          toolCallId: asString(block?.['id']) ?? `toolu_${id}`,
          toolName: asString(block?.['name']) ?? '',
          input: JSON.stringify(block?.['input'] ?? {}),
        },
      ];
    default:
      return [];
  }
}

/** A non-streamed `message` as canonical parts, block by block, as the stream decoder would yield them. */
export function decodeMessagesResponse(json: unknown): StreamPart[] {
  const message = asObject(json);
  if (message === undefined || !Array.isArray(message['content'])) {
    throw new ProviderError({
      ...catalogued('upstream_invalid_response'),
      message: 'The anthropic upstream answered without a `content` list.',
    });
  }
  const usage = anthropicUsage(message['usage']) ?? ZERO_USAGE;
  const stopReason = asString(message['stop_reason']);
  return [
    { type: 'stream-start', warnings: [], usage },
    responseMetadata(message),
    ...asArray(message['content']).flatMap((raw, index) => blockParts(asObject(raw), `block-${index}`)),
    { type: 'usage', usage },
    {
      type: 'finish',
      reason: anthropicFinishReason(stopReason),
      ...(stopReason === undefined ? {} : { rawReason: stopReason }),
      usage,
    },
  ];
}
