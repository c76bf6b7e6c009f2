import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { errorBody } from '../../http/api-error.ts';
import type { OutboundEvent, StreamEncoder } from '../../streaming/outbound.ts';
import type { ChatEnvelope } from './encode-response.ts';
import { chatFinishReason, chatUsage } from './usage.ts';

/**
 * `chat.completion.chunk` frames: a role chunk first, content and tool-call fragments, a chunk with
 * `finish_reason`, the usage chunk (`choices: []`) when `stream_options.include_usage` is set, then
 * `[DONE]`. A failure is a `data:` frame holding an OpenAI error object and no `[DONE]`, so no client
 * can mistake a failed stream for a complete one (the openai SDK throws on it).
 */
export class ChatStreamEncoder implements StreamEncoder {
  private readonly envelope: ChatEnvelope;
  private readonly includeUsage: boolean;

  constructor(envelope: ChatEnvelope, includeUsage: boolean) {
    this.envelope = envelope;
    this.includeUsage = includeUsage;
  }

  encode(event: CanonicalStreamEvent): readonly OutboundEvent[] {
    switch (event.type) {
      case 'start':
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'text_delta':
        return [this.chunk({ content: event.text })];
      case 'reasoning_delta':
        return [this.chunk({ reasoning_content: event.text })];
      case 'tool_call_start':
        return [
          this.chunk({
            tool_calls: [
              {
                index: event.index,
                id: event.id,
                type: 'function',
                function: { name: event.name, arguments: '' },
              },
            ],
          }),
        ];
      case 'tool_call_delta':
        return [
          this.chunk({ tool_calls: [{ index: event.index, function: { arguments: event.argumentsDelta } }] }),
        ];
      case 'reasoning_signature':
      case 'native_item_event':
        // Another API's item (a hosted tool's call): this client never asked for it (field-policy.md).
        return [];
      case 'usage':
        return [];
      case 'finish': {
        const frames: OutboundEvent[] = [this.chunk({}, chatFinishReason(event.reason))];
        if (this.includeUsage)
          frames.push({ data: { ...this.base(), choices: [], usage: chatUsage(event.usage) } });
        frames.push({ data: '[DONE]' });
        return frames;
      }
      case 'error':
        return [{ data: errorBody('openai', event.error) }];
    }
  }

  /**
   * No `system_fingerprint`: OpenAI's reference types it as a string when present (it names the backend
   * configuration); the proxy has none, and `null` is not a string.
   */
  private base(): Record<string, unknown> {
    const { id, created, model } = this.envelope;
    return { id, object: 'chat.completion.chunk', created, model };
  }

  private chunk(delta: Record<string, unknown>, finishReason: string | null = null): OutboundEvent {
    const data: Record<string, unknown> = {
      ...this.base(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    // With include_usage every chunk carries `usage: null` until the final usage chunk, as OpenAI does.
    if (this.includeUsage) data['usage'] = null;
    return { data };
  }
}
