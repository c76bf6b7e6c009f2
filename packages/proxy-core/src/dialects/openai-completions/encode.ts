/**
 * The legacy `text_completion` object and its stream: `choices[].text` instead of a message, the finish reason
 * and usage in chat's terms, `data: [DONE]` at the end. Reasoning and tool calls have no place in a
 * completion (the request offers no tools) and are not sent.
 */
import { answeringModel, type CanonicalResponse } from '../../canonical/response.ts';
import type { ResponseMetadataPart, StreamPart } from '../../canonical/stream-part.ts';
import { errorBody } from '../../http/api-error.ts';
import type { OutboundEvent } from '../../streaming/outbound.ts';
import { OpenedOnFirstPart } from '../opened-on-first-part.ts';
import type { ChatEnvelope } from '../openai-chat/encode-response.ts';
import { chatFinishReason, chatUsage } from '../openai-chat/usage.ts';

function usageOf(usage: CanonicalResponse['usage']): Record<string, unknown> {
  const { prompt_tokens, completion_tokens, total_tokens } = chatUsage(usage);
  return { prompt_tokens, completion_tokens, total_tokens };
}

export function encodeCompletionResponse(
  response: CanonicalResponse,
  envelope: ChatEnvelope,
): Record<string, unknown> {
  const text = response.output.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  return {
    id: envelope.id,
    object: 'text_completion',
    created: envelope.created,
    // The model that really answered; the id stays the proxy's `cmpl-` one (an upstream chat id is not a completion's).
    model: answeringModel(envelope.model, response.metadata),
    choices: [{ index: 0, text, logprobs: null, finish_reason: chatFinishReason(response.finishReason) }],
    usage: usageOf(response.usage),
  };
}

/** No opening frame of its own: OpenedOnFirstPart only holds the upstream's model until the first chunk. */
export class CompletionStreamEncoder extends OpenedOnFirstPart {
  private envelope: ChatEnvelope;
  private readonly includeUsage: boolean;

  constructor(envelope: ChatEnvelope, includeUsage: boolean) {
    super();
    this.envelope = envelope;
    this.includeUsage = includeUsage;
  }

  protected answeredBy(metadata: ResponseMetadataPart): void {
    this.envelope = { ...this.envelope, model: answeringModel(this.envelope.model, metadata) };
  }

  protected opening(): readonly OutboundEvent[] {
    return [];
  }

  protected encodePart(event: StreamPart): readonly OutboundEvent[] {
    switch (event.type) {
      case 'text-delta':
        return [this.chunk(event.delta, null)];
      case 'finish': {
        const frames: OutboundEvent[] = [this.chunk('', chatFinishReason(event.reason))];
        if (this.includeUsage)
          frames.push({ data: { ...this.base(), choices: [], usage: usageOf(event.usage) } });
        frames.push({ data: '[DONE]' });
        return frames;
      }
      case 'error':
        return [{ data: errorBody('openai', event.error) }];
      default:
        return [];
    }
  }

  private base(): Record<string, unknown> {
    const { id, created, model } = this.envelope;
    return { id, object: 'text_completion', created, model };
  }

  private chunk(text: string, finishReason: string | null): OutboundEvent {
    return {
      data: { ...this.base(), choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }] },
    };
  }
}
