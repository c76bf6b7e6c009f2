import { textEndPart, type StreamPart } from '../../canonical/stream-part.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import type { StreamDecoder } from '../shared/http-call.ts';
import { asNumber, asObject, asString, parseJson, type JsonObject } from '../shared/json.ts';
import type { SseEvent } from '../shared/sse.ts';
import { anthropicStreamError } from './errors.ts';
import { anthropicFinishReason } from './finish-reason.ts';
import { responseMetadata } from '../shared/response-metadata.ts';
import { anthropicUsage } from './usage.ts';
import { BufferedNativeBlock, isNativeBlock } from './native-blocks.ts';
import { anthropicCitation, anthropicCitations } from './citations.ts';
import type { Citation } from '../../canonical/citation.ts';

interface ModelledBlock {
  readonly kind: 'text' | 'reasoning' | 'tool-input';
  signature?: string;
  /** A text block's citations, one per `citations_delta`, handed over at its stop (stream-part.ts). */
  citations?: Citation[];
}

/** A block the parts do not model, buffered until its stop (native-blocks.ts). */
interface NativeBlock {
  readonly kind: 'native';
  readonly buffer: BufferedNativeBlock;
}

type Block = ModelledBlock | NativeBlock;

/**
 * Decodes Messages SSE (protocols.md §4) straight into canonical parts (stream-part.ts): `message_start` is the
 * stream's start (its usage, cache reads and writes apart) and its metadata (the real model and message id); each
 * content block is one part, addressed by its block index — text, thinking with its signature, redacted_thinking
 * with its data, text with the citations of its `citations_delta`s, tool_use with `input_json_delta` pieces — so two adjacent thinking blocks stay two; any other block
 * (server_tool_use, web_search_tool_result, …) is one native item, whole at its `content_block_stop`; `message_delta`
 * brings the stop reason and cumulative usage, `message_stop` finishes with the raw stop reason kept. An `error`
 * event after HTTP 200 fails the stream; a body that ends without `message_stop` is truncated.
 */
export class MessagesStreamDecoder implements StreamDecoder {
  private readonly blocks = new Map<number, Block>();
  private usage: Usage = ZERO_USAGE;
  private stopReason: string | undefined;

  push(sse: SseEvent): StreamPart[] {
    const event = asObject(parseJson(sse.data));
    if (event === undefined) return [];
    switch (asString(event['type']) ?? sse.event) {
      case 'message_start': {
        const message = asObject(event['message']);
        this.usage = anthropicUsage(message?.['usage']) ?? ZERO_USAGE;
        return [{ type: 'stream-start', warnings: [], usage: this.usage }, responseMetadata(message)];
      }
      case 'content_block_start':
        return this.blockStart(event);
      case 'content_block_delta':
        return this.blockDelta(event);
      case 'content_block_stop':
        return this.blockStop(event);
      case 'message_delta': {
        this.stopReason = asString(asObject(event['delta'])?.['stop_reason']) ?? this.stopReason;
        this.usage = anthropicUsage(event['usage'], this.usage) ?? this.usage;
        return [{ type: 'usage', usage: this.usage }];
      }
      case 'message_stop':
        return [
          {
            type: 'finish',
            reason: anthropicFinishReason(this.stopReason),
            ...(this.stopReason === undefined ? {} : { rawReason: this.stopReason }),
            usage: this.usage,
          },
        ];
      case 'error':
        return [{ type: 'error', error: anthropicStreamError(event) }];
      default:
        return [];
    }
  }

  end(): StreamPart[] {
    return [];
  }

  private blockStart(event: JsonObject): StreamPart[] {
    const index = asNumber(event['index']) ?? this.blocks.size;
    const id = `block-${index}`;
    const block = asObject(event['content_block']);
    const type = asString(block?.['type']);
    if (block !== undefined && isNativeBlock(type)) {
      this.blocks.set(index, { kind: 'native', buffer: new BufferedNativeBlock(block) });
      return [];
    }
    switch (type) {
      case 'text':
        // Opened by its first text (the normaliser does it): an empty text block is no part, as in the JSON answer.
        this.blocks.set(index, { kind: 'text', citations: anthropicCitations(block?.['citations']) });
        return [{ type: 'text-delta', id, delta: asString(block?.['text']) ?? '' }];
      case 'thinking': {
        this.blocks.set(index, { kind: 'reasoning' });
        const thinking = asString(block?.['thinking']) ?? '';
        return [
          { type: 'reasoning-start', id },
          { type: 'reasoning-delta', id, delta: thinking },
        ];
      }
      case 'redacted_thinking':
        // Encrypted reasoning, whole in its start event: kept so it can be handed back unchanged.
        this.blocks.set(index, { kind: 'reasoning' });
        return [{ type: 'reasoning-start', id, metadata: { redactedData: asString(block?.['data']) ?? '' } }];
      case 'tool_use':
        this.blocks.set(index, { kind: 'tool-input' });
        return [
          {
            type: 'tool-input-start',
            id,
            toolCallId: asString(block?.['id']) ?? `toolu_${index}`,
            toolName: asString(block?.['name']) ?? '',
          },
        ];
      default:
        return [];
    }
  }

  private blockDelta(event: JsonObject): StreamPart[] {
    const index = asNumber(event['index']) ?? -1;
    const id = `block-${index}`;
    const delta = asObject(event['delta']);
    switch (asString(delta?.['type'])) {
      case 'text_delta':
        return [{ type: 'text-delta', id, delta: asString(delta?.['text']) ?? '' }];
      case 'thinking_delta':
        return [{ type: 'reasoning-delta', id, delta: asString(delta?.['thinking']) ?? '' }];
      case 'citations_delta': {
        const block = this.blocks.get(index);
        const citation = asObject(delta?.['citation']);
        if (block?.kind === 'text' && citation !== undefined)
          block.citations?.push(anthropicCitation(citation));
        return [];
      }
      case 'signature_delta': {
        const block = this.blocks.get(index);
        const signature = asString(delta?.['signature']) ?? '';
        if (block !== undefined && block.kind !== 'native' && signature !== '')
          block.signature = (block.signature ?? '') + signature;
        return [];
      }
      case 'input_json_delta': {
        const piece = asString(delta?.['partial_json']) ?? '';
        const block = this.blocks.get(index);
        if (block?.kind !== 'native') return [{ type: 'tool-input-delta', id, delta: piece }];
        block.buffer.addInputJson(piece);
        return [];
      }
      default:
        return [];
    }
  }

  private blockStop(event: JsonObject): StreamPart[] {
    const index = asNumber(event['index']) ?? -1;
    const block = this.blocks.get(index);
    if (block === undefined) return [];
    const id = `block-${index}`;
    if (block.kind === 'native') return [block.buffer.finish()];
    if (block.kind === 'text') return [textEndPart(id, block.citations)];
    if (block.kind === 'tool-input') return [{ type: 'tool-input-end', id }];
    const { signature } = block;
    return [{ type: 'reasoning-end', id, ...(signature === undefined ? {} : { metadata: { signature } }) }];
  }
}
