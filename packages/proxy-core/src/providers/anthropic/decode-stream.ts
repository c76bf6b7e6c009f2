import { REDACTED_THINKING } from '../../canonical/content.ts';
import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import type { StreamDecoder } from '../shared/http-call.ts';
import { asNumber, asObject, asString, parseJson, type JsonObject } from '../shared/json.ts';
import type { SseEvent } from '../shared/sse.ts';
import { anthropicStreamError } from './errors.ts';
import { anthropicFinishReason } from './finish-reason.ts';
import { anthropicUsage } from './usage.ts';

/**
 * Decodes Messages SSE (protocols.md §4): `message_start`, content blocks (text, thinking with its
 * signature, redacted_thinking, tool_use with `input_json_delta` pieces), `message_delta` with the stop reason and
 * cumulative usage, `message_stop`. An `error` event after HTTP 200 fails the stream; a body that ends
 * without `message_stop` is truncated.
 */
export class MessagesStreamDecoder implements StreamDecoder {
  /** Content block index → canonical tool index, for tool_use blocks only. */
  private readonly toolByBlock = new Map<number, number>();
  private usage: Usage = ZERO_USAGE;
  private stopReason: string | undefined;

  push(sse: SseEvent): CanonicalStreamEvent[] {
    const event = asObject(parseJson(sse.data));
    if (event === undefined) return [];
    switch (asString(event['type']) ?? sse.event) {
      case 'message_start': {
        this.usage = anthropicUsage(asObject(event['message'])?.['usage']) ?? ZERO_USAGE;
        const { inputTokens, cachedInputTokens, cacheWriteInputTokens } = this.usage;
        return [
          {
            type: 'start',
            inputTokens,
            ...(cachedInputTokens === undefined ? {} : { cachedInputTokens }),
            ...(cacheWriteInputTokens === undefined ? {} : { cacheWriteInputTokens }),
          },
        ];
      }
      case 'content_block_start':
        return this.blockStart(event);
      case 'content_block_delta':
        return this.blockDelta(event);
      case 'message_delta': {
        this.stopReason = asString(asObject(event['delta'])?.['stop_reason']) ?? this.stopReason;
        this.usage = anthropicUsage(event['usage'], this.usage) ?? this.usage;
        return [{ type: 'usage', usage: this.usage }];
      }
      case 'message_stop':
        return [{ type: 'finish', reason: anthropicFinishReason(this.stopReason), usage: this.usage }];
      case 'error':
        return [{ type: 'error', error: anthropicStreamError(event) }];
      default:
        return [];
    }
  }

  end(): CanonicalStreamEvent[] {
    return [];
  }

  private blockStart(event: JsonObject): CanonicalStreamEvent[] {
    const block = asObject(event['content_block']);
    const type = asString(block?.['type']);
    if (type === 'text') {
      const text = asString(block?.['text']) ?? '';
      return text === '' ? [] : [{ type: 'text_delta', text }];
    }
    if (type === 'redacted_thinking') {
      // Encrypted reasoning, whole in its start event: kept so it can be handed back unchanged.
      const data = asString(block?.['data']) ?? '';
      return data === '' ? [] : [{ type: 'reasoning_signature', signature: data, issuer: REDACTED_THINKING }];
    }
    if (type !== 'tool_use') return [];
    const index = this.toolByBlock.size;
    this.toolByBlock.set(asNumber(event['index']) ?? index, index);
    return [
      {
        type: 'tool_call_start',
        index,
        id: asString(block?.['id']) ?? `toolu_${index}`,
        name: asString(block?.['name']) ?? '',
      },
    ];
  }

  private blockDelta(event: JsonObject): CanonicalStreamEvent[] {
    const delta = asObject(event['delta']);
    switch (asString(delta?.['type'])) {
      case 'text_delta': {
        const text = asString(delta?.['text']) ?? '';
        return text === '' ? [] : [{ type: 'text_delta', text }];
      }
      case 'thinking_delta': {
        const text = asString(delta?.['thinking']) ?? '';
        return text === '' ? [] : [{ type: 'reasoning_delta', text }];
      }
      case 'signature_delta': {
        const signature = asString(delta?.['signature']) ?? '';
        return signature === '' ? [] : [{ type: 'reasoning_signature', signature }];
      }
      case 'input_json_delta': {
        const index = this.toolByBlock.get(asNumber(event['index']) ?? -1);
        const piece = asString(delta?.['partial_json']) ?? '';
        return index === undefined || piece === ''
          ? []
          : [{ type: 'tool_call_delta', index, argumentsDelta: piece }];
      }
      default:
        return [];
    }
  }
}
