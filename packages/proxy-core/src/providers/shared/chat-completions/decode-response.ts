import type { StreamPart } from '../../../canonical/stream-part.ts';
import { ZERO_USAGE } from '../../../canonical/usage.ts';
import { catalogued } from '../../../errors/catalogue.ts';
import { ProviderError } from '../../provider-error.ts';
import { asArray, asObject, asString } from '../json.ts';
import { responseMetadata } from '../response-metadata.ts';
import { TextBlocks } from '../text-blocks.ts';
import { chatCitations } from './annotations.ts';
import { chatFinishReason, incompleteFinish } from './finish-reason.ts';
import { chatUsage } from './usage.ts';

/** A non-streamed `chat.completion` as canonical parts (reasoning, text, tool calls, finish), as the stream decoder would yield them. */
export function decodeChatResponse(provider: string, json: unknown): StreamPart[] {
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
  const toolCalls = asArray(message['tool_calls']);
  const calls = toolCalls.map((raw, index): StreamPart => {
    const call = asObject(raw);
    const fn = asObject(call?.['function']);
    return {
      type: 'tool-call',
      id: `tool-${index}`,
      toolCallId: asString(call?.['id']) ?? `call_${index}`,
      toolName: asString(fn?.['name']) ?? '',
      input: asString(fn?.['arguments']) ?? '',
    };
  });
  const finishReason = asString(choice?.['finish_reason']);
  const cut = incompleteFinish(provider, finishReason);
  if (cut !== undefined) throw new ProviderError(cut);
  const blocks = new TextBlocks();
  return [
    { type: 'stream-start', warnings: [], usage },
    responseMetadata(body),
    ...blocks.reasoning(asString(message['reasoning_content']) ?? ''),
    ...blocks.text(asString(message['content']) ?? ''),
    // The content is one text block from its start, so the annotations' positions stand as they are.
    ...blocks.close(chatCitations(asArray(message['annotations']))),
    ...calls,
    { type: 'usage', usage },
    {
      type: 'finish',
      reason: chatFinishReason(finishReason, toolCalls.length > 0),
      ...(finishReason === undefined ? {} : { rawReason: finishReason }),
      usage,
    },
  ];
}
