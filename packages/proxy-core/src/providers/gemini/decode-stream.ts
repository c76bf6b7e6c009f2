import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import type { StreamDecoder } from '../shared/http-call.ts';
import { asArray, asObject, asString, parseJson, type JsonObject } from '../shared/json.ts';
import type { SseEvent } from '../shared/sse.ts';
import { geminiStreamError } from './errors.ts';
import { geminiFinishReason } from './finish-reason.ts';
import { geminiUsage } from './usage.ts';

/**
 * Decodes `GenerateContentResponse` chunks (`streamGenerateContent?alt=sse`, or the single body of
 * `generateContent`). Gemini has no terminal event: the last chunk carries `finishReason`, and the body
 * ending is the completion signal. A body that ends before any `finishReason` is truncated.
 */
export class GenerateContentDecoder implements StreamDecoder {
  private started = false;
  private tools = 0;
  private usage: Usage = ZERO_USAGE;
  private finishReason: string | undefined;
  private blocked = false;

  push(sse: SseEvent): CanonicalStreamEvent[] {
    const chunk = parseJson(sse.data);
    return chunk === undefined ? [] : this.chunk(chunk);
  }

  chunk(json: unknown): CanonicalStreamEvent[] {
    const chunk = asObject(json);
    if (chunk === undefined) return [];
    if (chunk['error'] !== undefined) return [{ type: 'error', error: geminiStreamError(chunk) }];
    const events: CanonicalStreamEvent[] = [];
    const usage = geminiUsage(chunk['usageMetadata']);
    if (!this.started) {
      this.started = true;
      events.push(
        usage === undefined ? { type: 'start' } : { type: 'start', inputTokens: usage.inputTokens },
      );
    }
    // A prompt the safety filters blocked has no candidates, only `promptFeedback.blockReason`.
    if (asString(asObject(chunk['promptFeedback'])?.['blockReason']) !== undefined) this.blocked = true;
    const candidate = asObject(asArray(chunk['candidates'])[0]);
    if (candidate !== undefined) this.candidate(candidate, events);
    if (usage !== undefined) {
      this.usage = usage;
      events.push({ type: 'usage', usage });
    }
    return events;
  }

  end(): CanonicalStreamEvent[] {
    if (this.blocked) return [{ type: 'finish', reason: 'content_filter', usage: this.usage }];
    if (this.finishReason === undefined) return [];
    return [
      { type: 'finish', reason: geminiFinishReason(this.finishReason, this.tools > 0), usage: this.usage },
    ];
  }

  private candidate(candidate: JsonObject, events: CanonicalStreamEvent[]): void {
    for (const raw of asArray(asObject(candidate['content'])?.['parts'])) {
      const part = asObject(raw);
      if (part !== undefined) this.part(part, events);
    }
    this.finishReason = asString(candidate['finishReason']) ?? this.finishReason;
  }

  private part(part: JsonObject, events: CanonicalStreamEvent[]): void {
    const text = asString(part['text']);
    if (text !== undefined && text !== '') {
      events.push(
        part['thought'] === true ? { type: 'reasoning_delta', text } : { type: 'text_delta', text },
      );
    }
    const call = asObject(part['functionCall']);
    if (call === undefined) return;
    // Gemini 3 signs its function calls and refuses a replayed call without its signature: kept as the
    // reasoning that precedes the call, which is where every dialect keeps reasoning proofs.
    const signature = asString(part['thoughtSignature']);
    if (signature !== undefined && signature !== '')
      events.push({ type: 'reasoning_signature', signature, issuer: 'gemini' });
    // Gemini sends each call whole: a start and one delta with all the arguments.
    const index = this.tools++;
    events.push({
      type: 'tool_call_start',
      index,
      id: asString(call['id']) ?? `call_${index}`,
      name: asString(call['name']) ?? '',
    });
    events.push({ type: 'tool_call_delta', index, argumentsDelta: JSON.stringify(call['args'] ?? {}) });
  }
}
