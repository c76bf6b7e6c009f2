import type { ResponseMetadataPart, StreamPart } from '../../canonical/stream-part.ts';
import { errorBody } from '../../http/api-error.ts';
import type { OutboundEvent } from '../../streaming/outbound.ts';
import { OpenedOnFirstPart } from '../opened-on-first-part.ts';
import { chatAnnotations } from './annotations.ts';
import { answeringChat, type ChatEnvelope } from './encode-response.ts';
import { chatFinishReason, chatUsage } from './usage.ts';

/**
 * `chat.completion.chunk` frames: a role chunk first, content and tool-call fragments, a chunk with
 * `finish_reason`, the usage chunk (`choices: []`) when `stream_options.include_usage` is set, then
 * `[DONE]`. A failure is a `data:` frame holding an OpenAI error object and no `[DONE]`, so no client
 * can mistake a failed stream for a complete one (the openai SDK throws on it).
 */
export class ChatStreamEncoder extends OpenedOnFirstPart {
  private envelope: ChatEnvelope;
  private readonly includeUsage: boolean;
  /** Tool part id → the call's index in `tool_calls`. */
  private readonly toolIndex = new Map<string, number>();
  /** Text part id → where its text starts in the content and its length so far (its citations' spans count there). */
  private readonly texts = new Map<string, { readonly offset: number; length: number }>();
  private contentLength = 0;
  /**
   * Every part's citations, sent in one chunk just before the finish chunk: the openai SDK's stream accumulator
   * copies a delta's extra fields onto the message (`Object.assign`), so a second `annotations` chunk would
   * replace the first and a streamed answer would keep only its last cited part's citations.
   */
  private readonly annotations: Readonly<Record<string, unknown>>[] = [];

  constructor(envelope: ChatEnvelope, includeUsage: boolean) {
    super();
    this.envelope = envelope;
    this.includeUsage = includeUsage;
  }

  /** Every chunk names the model that really answered (OpenedOnFirstPart); the keep-alive is an SSE comment. */
  protected answeredBy(metadata: ResponseMetadataPart): void {
    this.envelope = answeringChat(this.envelope, metadata);
  }

  protected opening(): readonly OutboundEvent[] {
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  protected encodePart(part: StreamPart): readonly OutboundEvent[] {
    switch (part.type) {
      case 'text-delta': {
        const text = this.texts.get(part.id) ?? { offset: this.contentLength, length: 0 };
        text.length += part.delta.length;
        this.texts.set(part.id, text);
        this.contentLength += part.delta.length;
        return [this.chunk({ content: part.delta })];
      }
      case 'text-end': {
        const text = this.texts.get(part.id);
        if (text !== undefined)
          this.annotations.push(...chatAnnotations(part.metadata?.citations, text.length, text.offset));
        return [];
      }
      case 'reasoning-delta':
        return [this.chunk({ reasoning_content: part.delta })];
      case 'tool-input-start': {
        // Chat addresses calls by their position in the answer.
        const index = this.toolIndex.size;
        this.toolIndex.set(part.id, index);
        const fn = { name: part.toolName, arguments: '' };
        return [this.chunk({ tool_calls: [{ index, id: part.toolCallId, type: 'function', function: fn }] })];
      }
      case 'tool-input-delta': {
        const index = this.toolIndex.get(part.id) ?? 0;
        return [this.chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] })];
      }
      case 'finish': {
        // All citations in one content-less chunk, as OpenAI's search models stream `annotations`.
        const frames: OutboundEvent[] =
          this.annotations.length === 0 ? [] : [this.chunk({ annotations: this.annotations })];
        frames.push(this.chunk({}, chatFinishReason(part.reason)));
        if (this.includeUsage)
          frames.push({ data: { ...this.base(), choices: [], usage: chatUsage(part.usage) } });
        frames.push({ data: '[DONE]' });
        return frames;
      }
      case 'error':
        return [{ data: errorBody('openai', part.error) }];
      default:
        return [];
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
