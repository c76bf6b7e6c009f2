import { REDACTED_THINKING } from '../../canonical/content.ts';
import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import { errorBody } from '../../http/api-error.ts';
import type { OutboundEvent, StreamEncoder } from '../../streaming/outbound.ts';
import type { MessagesEnvelope } from './encode-response.ts';
import { MESSAGE_NULL_FIELDS, textBlock, toolUseBlock } from './message-shape.ts';
import { anthropicStopReason, anthropicUsage } from './usage.ts';

type BlockKind = 'text' | 'thinking' | 'tool_use';

interface OpenBlock {
  readonly kind: BlockKind;
  readonly toolIndex?: number;
  /** A thinking block whose signature was sent: complete, so more thinking opens the next block. */
  signed?: boolean;
}

/**
 * Anthropic SSE: `message_start`, a `ping`, per block `content_block_start` → deltas →
 * `content_block_stop`, `message_delta` with cumulative usage, `message_stop`. A block opens when the
 * kind of canonical event changes and closes before the next one opens. Failures are `error` events
 * with no `message_stop`, so the SDK reports the stream as failed.
 */
export class MessagesStreamEncoder implements StreamEncoder {
  private readonly envelope: MessagesEnvelope;
  private usage: Usage = ZERO_USAGE;
  private open: OpenBlock | undefined;
  private blockIndex = -1;

  constructor(envelope: MessagesEnvelope) {
    this.envelope = envelope;
  }

  heartbeat(): OutboundEvent {
    return { event: 'ping', data: { type: 'ping' } };
  }

  encode(event: CanonicalStreamEvent): readonly OutboundEvent[] {
    switch (event.type) {
      case 'start':
        // message_start must split the prompt exactly as message_delta will (cache reads and writes apart).
        this.usage = {
          ...this.usage,
          inputTokens: event.inputTokens ?? 0,
          ...(event.cachedInputTokens === undefined ? {} : { cachedInputTokens: event.cachedInputTokens }),
          ...(event.cacheWriteInputTokens === undefined
            ? {}
            : { cacheWriteInputTokens: event.cacheWriteInputTokens }),
        };
        return [this.messageStart(), this.heartbeat()];
      case 'text_delta':
        return [
          ...this.ensureBlock('text', textBlock('')),
          this.delta({ type: 'text_delta', text: event.text }),
        ];
      case 'reasoning_delta':
        return [...this.ensureThinking(), this.delta({ type: 'thinking_delta', thinking: event.text })];
      case 'reasoning_signature':
        if (event.issuer === REDACTED_THINKING) {
          return [
            ...this.closeBlock(),
            ...this.openBlock(
              { kind: 'thinking', signed: true },
              { type: 'redacted_thinking', data: event.signature },
            ),
            ...this.closeBlock(),
          ];
        }
        // Only a thinking signature is one: other providers' proofs (`issuer`) would be refused on replay. It
        // closes its block; a signature with no thinking streamed before it (thinking the API left out) still
        // gets its block, empty, as the non-streamed answer has it.
        if (event.issuer !== undefined) return [];
        return [...this.ensureThinking(), this.signature(event.signature)];
      case 'tool_call_start':
        return [
          ...this.closeBlock(),
          ...this.openBlock(
            { kind: 'tool_use', toolIndex: event.index },
            toolUseBlock(event.id, event.name, {}),
          ),
        ];
      case 'tool_call_delta':
        return this.open?.kind === 'tool_use' && this.open.toolIndex === event.index
          ? [this.delta({ type: 'input_json_delta', partial_json: event.argumentsDelta })]
          : [];
      case 'native_item_event':
        // Another API's item (a hosted tool's call): this client never asked for it (field-policy.md).
        return [];
      case 'usage':
        this.usage = event.usage;
        return [];
      case 'finish':
        this.usage = event.usage;
        return [
          ...this.closeBlock(),
          {
            event: 'message_delta',
            data: {
              type: 'message_delta',
              delta: {
                stop_reason: anthropicStopReason(event.reason),
                stop_sequence: null,
                ...MESSAGE_NULL_FIELDS,
              },
              usage: anthropicUsage(this.usage),
            },
          },
          { event: 'message_stop', data: { type: 'message_stop' } },
        ];
      case 'error':
        return [{ event: 'error', data: errorBody('anthropic', event.error) }];
    }
  }

  private messageStart(): OutboundEvent {
    return {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id: this.envelope.id,
          type: 'message',
          role: 'assistant',
          model: this.envelope.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          ...MESSAGE_NULL_FIELDS,
          usage: anthropicUsage(this.usage),
        },
      },
    };
  }

  private ensureBlock(kind: 'text' | 'thinking', contentBlock: Record<string, unknown>): OutboundEvent[] {
    if (this.open?.kind === kind && this.open.signed !== true) return [];
    return [...this.closeBlock(), ...this.openBlock({ kind }, contentBlock)];
  }

  private ensureThinking(): OutboundEvent[] {
    return this.ensureBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
  }

  private signature(signature: string): OutboundEvent {
    if (this.open !== undefined) this.open.signed = true;
    return this.delta({ type: 'signature_delta', signature });
  }

  private openBlock(open: OpenBlock, contentBlock: Record<string, unknown>): OutboundEvent[] {
    this.open = open;
    this.blockIndex += 1;
    return [
      {
        event: 'content_block_start',
        data: { type: 'content_block_start', index: this.blockIndex, content_block: contentBlock },
      },
    ];
  }

  private closeBlock(): OutboundEvent[] {
    if (this.open === undefined) return [];
    this.open = undefined;
    return [{ event: 'content_block_stop', data: { type: 'content_block_stop', index: this.blockIndex } }];
  }

  private delta(delta: Record<string, unknown>): OutboundEvent {
    return {
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: this.blockIndex, delta },
    };
  }
}
