/**
 * The legacy `text_completion` object and its stream: `choices[].text` instead of a message, the finish reason
 * and usage in chat's terms, `data: [DONE]` at the end. Reasoning and tool calls have no place in a
 * completion (the request offers no tools) and are not sent.
 */
import type { CanonicalResponse } from '../../canonical/response.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { errorBody } from '../../http/api-error.ts';
import type { OutboundEvent, StreamEncoder } from '../../streaming/outbound.ts';
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
    model: envelope.model,
    choices: [{ index: 0, text, logprobs: null, finish_reason: chatFinishReason(response.finishReason) }],
    usage: usageOf(response.usage),
  };
}

export class CompletionStreamEncoder implements StreamEncoder {
  private readonly envelope: ChatEnvelope;
  private readonly includeUsage: boolean;

  constructor(envelope: ChatEnvelope, includeUsage: boolean) {
    this.envelope = envelope;
    this.includeUsage = includeUsage;
  }

  encode(event: StreamPart): readonly OutboundEvent[] {
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
