import type { StreamPart } from '../../canonical/stream-part.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import type { StreamDecoder } from '../shared/http-call.ts';
import { asArray, asObject, asString, parseJson, type JsonObject } from '../shared/json.ts';
import { responseMetadata } from '../shared/response-metadata.ts';
import type { SseEvent } from '../shared/sse.ts';
import { TextBlocks } from '../shared/text-blocks.ts';
import { geminiStreamError } from './errors.ts';
import { geminiFinishReason } from './finish-reason.ts';
import { geminiUsage } from './usage.ts';

/**
 * Decodes `GenerateContentResponse` chunks (`streamGenerateContent?alt=sse`, or the single body of
 * `generateContent`) into canonical parts: thought and text parts are reasoning and text blocks (TextBlocks), a
 * function call is a whole `tool-call` (its thought signature ends the reasoning before it, as a `gemini` proof),
 * the first chunk's `modelVersion` and `responseId` are the response metadata, the raw finishReason is kept. Gemini has no terminal event: the last chunk carries `finishReason`, and the body
 * ending is the completion signal. A body that ends before any `finishReason` is truncated.
 */
export class GenerateContentDecoder implements StreamDecoder {
  private started = false;
  private tools = 0;
  private usage: Usage = ZERO_USAGE;
  private finishReason: string | undefined;
  private blocked = false;
  private readonly blocks = new TextBlocks();

  push(sse: SseEvent): StreamPart[] {
    const chunk = parseJson(sse.data);
    return chunk === undefined ? [] : this.chunk(chunk);
  }

  chunk(json: unknown): StreamPart[] {
    const chunk = asObject(json);
    if (chunk === undefined) return [];
    if (chunk['error'] !== undefined) return [{ type: 'error', error: geminiStreamError(chunk) }];
    const events: StreamPart[] = [];
    const usage = geminiUsage(chunk['usageMetadata']);
    if (!this.started) {
      this.started = true;
      events.push(
        usage === undefined
          ? { type: 'stream-start', warnings: [] }
          : {
              type: 'stream-start',
              warnings: [],
              usage: { inputTokens: usage.inputTokens, outputTokens: 0 },
            },
        responseMetadata(chunk, 'modelVersion', 'responseId'),
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

  end(): StreamPart[] {
    if (this.blocked)
      return [{ type: 'finish', reason: 'content_filter', rawReason: 'blockReason', usage: this.usage }];
    if (this.finishReason === undefined) return [];
    return [
      ...this.blocks.close(),
      {
        type: 'finish',
        reason: geminiFinishReason(this.finishReason, this.tools > 0),
        rawReason: this.finishReason,
        usage: this.usage,
      },
    ];
  }

  private candidate(candidate: JsonObject, events: StreamPart[]): void {
    for (const raw of asArray(asObject(candidate['content'])?.['parts'])) {
      const part = asObject(raw);
      if (part !== undefined) this.part(part, events);
    }
    this.finishReason = asString(candidate['finishReason']) ?? this.finishReason;
  }

  private part(part: JsonObject, events: StreamPart[]): void {
    const text = asString(part['text']) ?? '';
    events.push(...(part['thought'] === true ? this.blocks.reasoning(text) : this.blocks.text(text)));
    const call = asObject(part['functionCall']);
    if (call === undefined) return;
    // Gemini 3 signs its function calls and refuses a replayed call without its signature: kept as the
    // reasoning that precedes the call, which is where every dialect keeps reasoning proofs.
    const signature = asString(part['thoughtSignature']);
    events.push(
      ...(signature !== undefined && signature !== ''
        ? this.blocks.sign({ signature, issuer: 'gemini' })
        : this.blocks.close()),
    );
    // Gemini sends each call whole.
    const index = this.tools++;
    events.push({
      type: 'tool-call',
      id: `tool-${index}`,
      toolCallId: asString(call['id']) ?? `call_${index}`,
      toolName: asString(call['name']) ?? '',
      input: JSON.stringify(call['args'] ?? {}),
    });
  }
}
