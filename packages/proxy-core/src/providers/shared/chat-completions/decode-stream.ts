import type { CanonicalStreamEvent } from '../../../canonical/stream-event.ts';
import { ZERO_USAGE, type Usage } from '../../../canonical/usage.ts';
import type { StreamDecoder } from '../http-call.ts';
import { asArray, asNumber, asObject, asString, parseJson, type JsonObject } from '../json.ts';
import type { SseEvent } from '../sse.ts';
import { streamErrorSpec } from './errors.ts';
import { chatFinishReason } from './finish-reason.ts';
import { chatUsage } from './usage.ts';

/**
 * Decodes `chat.completion.chunk` frames. The finish waits for `[DONE]` because the usage chunk
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
  private finishReason: string | undefined;
  private sawFinishReason = false;
  private usage: Usage = ZERO_USAGE;
  private finished = false;

  constructor(provider: string) {
    this.provider = provider;
  }

  push(sse: SseEvent): CanonicalStreamEvent[] {
    const events: CanonicalStreamEvent[] = [];
    if (this.finished) return events;
    if (sse.data.trim() === '[DONE]') {
      this.ensureStarted(events);
      events.push(this.finish());
      return events;
    }
    const chunk = asObject(parseJson(sse.data));
    if (chunk === undefined) return events;
    if (chunk['error'] !== undefined) {
      events.push({ type: 'error', error: streamErrorSpec(this.provider, chunk) });
      return events;
    }
    this.ensureStarted(events);
    const choice = asObject(asArray(chunk['choices'])[0]);
    if (choice !== undefined) this.choice(choice, events);
    const usage = chatUsage(chunk['usage']);
    if (usage !== undefined) {
      this.usage = usage;
      events.push({ type: 'usage', usage });
      // The include_usage chunk (usage, no choice) after the finish_reason is the stream's last chunk.
      if (choice === undefined && this.sawFinishReason) events.push(this.finish());
    }
    return events;
  }

  end(): CanonicalStreamEvent[] {
    return this.sawFinishReason && !this.finished ? [this.finish()] : [];
  }

  private ensureStarted(events: CanonicalStreamEvent[]): void {
    if (this.started) return;
    this.started = true;
    events.push({ type: 'start' });
  }

  private choice(choice: JsonObject, events: CanonicalStreamEvent[]): void {
    const delta = asObject(choice['delta']);
    const reasoning = asString(delta?.['reasoning_content']);
    if (reasoning !== undefined && reasoning !== '')
      events.push({ type: 'reasoning_delta', text: reasoning });
    const content = asString(delta?.['content']);
    if (content !== undefined && content !== '') events.push({ type: 'text_delta', text: content });
    asArray(delta?.['tool_calls']).forEach((raw, position) => this.toolCall(asObject(raw), position, events));
    const finish = asString(choice['finish_reason']);
    if (finish !== undefined) {
      this.finishReason = finish;
      this.sawFinishReason = true;
    }
  }

  private toolCall(call: JsonObject | undefined, position: number, events: CanonicalStreamEvent[]): void {
    if (call === undefined) return;
    const upstreamIndex = asNumber(call['index']) ?? position;
    const fn = asObject(call['function']);
    let index = this.toolIndex.get(upstreamIndex);
    if (index === undefined) {
      index = this.toolIndex.size;
      this.toolIndex.set(upstreamIndex, index);
      const id = asString(call['id']) ?? `call_${index}`;
      events.push({ type: 'tool_call_start', index, id, name: asString(fn?.['name']) ?? '' });
    }
    const args = asString(fn?.['arguments']);
    if (args !== undefined && args !== '')
      events.push({ type: 'tool_call_delta', index, argumentsDelta: args });
  }

  private finish(): CanonicalStreamEvent {
    this.finished = true;
    return {
      type: 'finish',
      reason: chatFinishReason(this.finishReason, this.toolIndex.size > 0),
      usage: this.usage,
    };
  }
}
