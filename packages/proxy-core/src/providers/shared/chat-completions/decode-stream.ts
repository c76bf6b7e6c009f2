import type { StreamPart } from '../../../canonical/stream-part.ts';
import { ZERO_USAGE, type Usage } from '../../../canonical/usage.ts';
import type { StreamDecoder } from '../http-call.ts';
import { asArray, asNumber, asObject, asString, parseJson, type JsonObject } from '../json.ts';
import type { SseEvent } from '../sse.ts';
import { TextBlocks } from '../text-blocks.ts';
import { responseMetadata } from '../response-metadata.ts';
import { streamErrorSpec } from './errors.ts';
import { chatCitations } from './annotations.ts';
import { chatFinishReason, incompleteFinish } from './finish-reason.ts';
import { chatUsage } from './usage.ts';

/**
 * Decodes `chat.completion.chunk` frames into canonical parts: the first chunk's `model` and `id` are the response
 * metadata, `reasoning_content` and `content` deltas are reasoning and text blocks (TextBlocks) — the text
 * block still open at the finish gets every delta's `annotations` (chat-completions/annotations.ts) — each tool call
 * (addressed by its upstream `index`, possibly interleaved with the others) is a tool-input part left open until
 * the finish, which keeps the raw `finish_reason`. The finish waits for `[DONE]` because the usage chunk
 * (`stream_options.include_usage`) comes after the chunk with `finish_reason`; that usage chunk (no choices)
 * is the last one, so it finishes the stream too, without waiting for a `[DONE]` that may never come while
 * the upstream holds its connection open (S11). A body that ends after a `finish_reason` but without
 * `[DONE]` is still finished (protocols.md §3), one that ends before any `finish_reason` is truncated and
 * gets no terminal event.
 */
export class ChatStreamDecoder implements StreamDecoder {
  private readonly provider: string;
  private started = false;
  /** Upstream `tool_calls[].index` → canonical tool index in order of appearance. */
  private readonly toolIndex = new Map<number, number>();
  private readonly blocks = new TextBlocks();
  private finishReason: string | undefined;
  private sawFinishReason = false;
  private usage: Usage = ZERO_USAGE;
  private finished = false;
  /** `annotations` seen on any delta (OpenAI's search models send them after the text), for the text's end. */
  private readonly annotations: unknown[] = [];
  /** Characters of content so far, and where the open text block started in it (annotations count from 0). */
  private contentLength = 0;
  private textStart = 0;

  constructor(provider: string) {
    this.provider = provider;
  }

  push(sse: SseEvent): StreamPart[] {
    const events: StreamPart[] = [];
    if (this.finished) return events;
    if (sse.data.trim() === '[DONE]') {
      this.ensureStarted(events);
      events.push(...this.finish());
      return events;
    }
    const chunk = asObject(parseJson(sse.data));
    if (chunk === undefined) return events;
    if (chunk['error'] !== undefined) {
      events.push({ type: 'error', error: streamErrorSpec(this.provider, chunk) });
      return events;
    }
    this.ensureStarted(events, chunk);
    const choice = asObject(asArray(chunk['choices'])[0]);
    if (choice !== undefined) this.choice(choice, events);
    const usage = chatUsage(chunk['usage']);
    if (usage !== undefined) {
      this.usage = usage;
      events.push({ type: 'usage', usage });
      // The include_usage chunk (usage, no choice) after the finish_reason is the stream's last chunk.
      if (choice === undefined && this.sawFinishReason) events.push(...this.finish());
    }
    return events;
  }

  end(): StreamPart[] {
    return this.sawFinishReason && !this.finished ? this.finish() : [];
  }

  private ensureStarted(events: StreamPart[], chunk?: JsonObject): void {
    if (this.started) return;
    this.started = true;
    events.push({ type: 'stream-start', warnings: [] });
    if (chunk !== undefined) events.push(responseMetadata(chunk));
  }

  private choice(choice: JsonObject, events: StreamPart[]): void {
    const delta = asObject(choice['delta']);
    const reasoning = asString(delta?.['reasoning_content']);
    events.push(...this.blocks.reasoning(reasoning ?? ''));
    const content = asString(delta?.['content']) ?? '';
    const text = this.blocks.text(content);
    if (text.some((part) => part.type === 'text-start')) this.textStart = this.contentLength;
    this.contentLength += content.length;
    events.push(...text);
    const annotations = delta?.['annotations'];
    if (annotations !== undefined) this.annotations.push(...asArray(annotations));
    asArray(delta?.['tool_calls']).forEach((raw, position) => this.toolCall(asObject(raw), position, events));
    const finish = asString(choice['finish_reason']);
    if (finish !== undefined) {
      this.finishReason = finish;
      this.sawFinishReason = true;
    }
  }

  private toolCall(call: JsonObject | undefined, position: number, events: StreamPart[]): void {
    if (call === undefined) return;
    const upstreamIndex = asNumber(call['index']) ?? position;
    const fn = asObject(call['function']);
    let index = this.toolIndex.get(upstreamIndex);
    if (index === undefined) {
      index = this.toolIndex.size;
      this.toolIndex.set(upstreamIndex, index);
      events.push(...this.blocks.close());
      events.push({
        type: 'tool-input-start',
        id: `tool-${index}`,
        toolCallId: asString(call['id']) ?? `call_${index}`,
        toolName: asString(fn?.['name']) ?? '',
      });
    }
    events.push({ type: 'tool-input-delta', id: `tool-${index}`, delta: asString(fn?.['arguments']) ?? '' });
  }

  /** The open text or reasoning block ends here; open tool calls are closed by the normaliser at the finish. */
  private finish(): StreamPart[] {
    this.finished = true;
    const cut = incompleteFinish(this.provider, this.finishReason);
    if (cut !== undefined) return [{ type: 'error', error: cut }];
    const raw = this.finishReason === undefined ? {} : { rawReason: this.finishReason };
    return [
      ...this.blocks.close(chatCitations(this.annotations, this.textStart)),
      {
        type: 'finish',
        reason: chatFinishReason(this.finishReason, this.toolIndex.size > 0),
        ...raw,
        usage: this.usage,
      },
    ];
  }
}
