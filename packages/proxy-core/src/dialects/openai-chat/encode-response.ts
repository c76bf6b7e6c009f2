import { answeringModel, type CanonicalResponse, type UpstreamMetadata } from '../../canonical/response.ts';
import { chatAnnotations } from './annotations.ts';
import { chatFinishReason, chatUsage } from './usage.ts';

export interface ChatEnvelope {
  readonly id: string;
  readonly model: string;
  /** Unix seconds. */
  readonly created: number;
}

/** A `chat.completion` object for a non-streamed request. */
export function encodeChatResponse(
  response: CanonicalResponse,
  envelope: ChatEnvelope,
): Record<string, unknown> {
  const text = response.output.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  const reasoning = response.output
    .flatMap((part) => (part.type === 'reasoning' ? [part.text] : []))
    .join('');
  const toolCalls = response.output.flatMap((part) =>
    part.type === 'tool_call'
      ? [{ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } }]
      : [],
  );
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  const annotations = answerAnnotations(response);
  if (annotations.length > 0) message['annotations'] = annotations;
  if (reasoning !== '') message['reasoning_content'] = reasoning;
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  const { id, model } = answeringChat(envelope, response.metadata);
  return {
    id,
    object: 'chat.completion',
    created: envelope.created,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: chatFinishReason(response.finishReason) }],
    usage: chatUsage(response.usage),
  };
}

/** The web pages the answer's text parts cite, their spans counted in the joined content. */
function answerAnnotations(response: CanonicalResponse): Readonly<Record<string, unknown>>[] {
  let offset = 0;
  return response.output.flatMap((part) => {
    if (part.type !== 'text') return [];
    const annotations = chatAnnotations(part.citations, part.text.length, offset);
    offset += part.text.length;
    return annotations;
  });
}

/** Chat names the upstream's own model and completion id when it said them (issue 13: who really answered). */
export function answeringChat(envelope: ChatEnvelope, metadata: UpstreamMetadata | undefined): ChatEnvelope {
  return { ...envelope, id: metadata?.id ?? envelope.id, model: answeringModel(envelope.model, metadata) };
}
