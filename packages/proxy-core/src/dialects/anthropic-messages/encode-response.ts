import { REDACTED_THINKING } from '../../canonical/content.ts';
import { withNativeItems } from '../../canonical/native-items.ts';
import { answeringModel, type CanonicalResponse } from '../../canonical/response.ts';
import { MESSAGE_NULL_FIELDS, textBlock, toolUseBlock } from './message-shape.ts';
import { anthropicStopReason, anthropicUsage } from './usage.ts';

export interface MessagesEnvelope {
  readonly id: string;
  readonly model: string;
}

/** Tool arguments as an object; a model that produced broken JSON still yields a valid message. */
export function parseToolInput(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { _raw: text };
  }
}

/** A `message` object for a non-streamed request. */
export function encodeMessagesResponse(
  response: CanonicalResponse,
  envelope: MessagesEnvelope,
): Record<string, unknown> {
  const modelled = response.output.map((part): Record<string, unknown> => {
    if (part.type === 'text') return textBlock(part.text, part.citations);
    if (part.type === 'reasoning') {
      if (part.issuer === REDACTED_THINKING) return { type: 'redacted_thinking', data: part.signature ?? '' };
      // Only a thinking signature is one: other providers' proofs (`issuer`) would be refused on replay.
      const signature = part.issuer === undefined ? (part.signature ?? '') : '';
      return { type: 'thinking', thinking: part.text, signature };
    }
    return toolUseBlock(part.id, part.name, parseToolInput(part.arguments));
  });
  // Anthropic's own blocks (server_tool_use, web_search_tool_result, …) in their places among the others.
  const content = withNativeItems(modelled, response.nativeItems, 'anthropic-messages', (native) => ({
    ...native.item,
  }));
  return {
    id: envelope.id,
    type: 'message',
    role: 'assistant',
    model: answeringModel(envelope.model, response.metadata),
    content,
    stop_reason: anthropicStopReason(response.finishReason, response.rawFinishReason),
    stop_sequence: null,
    ...MESSAGE_NULL_FIELDS,
    usage: anthropicUsage(response.usage),
  };
}
