import { finishedNativeItem } from '../../canonical/native-items.ts';
import { answeringModel } from '../../canonical/response.ts';
import type { ResponseMetadataPart, StreamPart, StreamStartPart } from '../../canonical/stream-part.ts';
import { ZERO_USAGE, type Usage } from '../../canonical/usage.ts';
import { errorBody } from '../../http/api-error.ts';
import type { OutboundEvent } from '../../streaming/outbound.ts';
import { OpenedOnFirstPart } from '../opened-on-first-part.ts';
import type { MessagesEnvelope } from './encode-response.ts';
import { MESSAGE_NULL_FIELDS, messagesCitations, textBlock, toolUseBlock } from './message-shape.ts';
import { anthropicStopReason, anthropicUsage } from './usage.ts';

const PING: OutboundEvent = { event: 'ping', data: { type: 'ping' } };

/**
 * Anthropic SSE: `message_start`, a `ping`, per block `content_block_start` → deltas →
 * `content_block_stop`, `message_delta` with cumulative usage, `message_stop`. Each canonical part is one block:
 * the normaliser hands over one part at a time, so a block's index is the count of parts opened (a native block
 * of the upstream's counts as one). Failures are
 * `error` events with no `message_stop`, so the SDK reports the stream as failed.
 */
export class MessagesStreamEncoder extends OpenedOnFirstPart {
  private envelope: MessagesEnvelope;
  private usage: Usage = ZERO_USAGE;
  private blockIndex = -1;

  constructor(envelope: MessagesEnvelope) {
    super();
    this.envelope = envelope;
  }

  /** A keep-alive before anything was said is the message_start itself: no client sees a ping before it. */
  heartbeat(): OutboundEvent {
    return this.isOpen ? PING : (this.open()[0] ?? PING);
  }

  protected override started(part: StreamStartPart): void {
    // message_start must split the prompt exactly as message_delta will (cache reads and writes apart).
    if (part.usage !== undefined) this.usage = part.usage;
  }

  /** message_start names the model that really answered (OpenedOnFirstPart). */
  protected answeredBy(metadata: ResponseMetadataPart): void {
    this.envelope = { ...this.envelope, model: answeringModel(this.envelope.model, metadata) };
  }

  protected opening(): readonly OutboundEvent[] {
    return [this.messageStart(), PING];
  }

  protected encodePart(part: StreamPart): readonly OutboundEvent[] {
    switch (part.type) {
      case 'text-start':
        return [this.blockStart(textBlock(''))];
      case 'reasoning-start': {
        const data = part.metadata?.redactedData;
        return [
          this.blockStart(
            data === undefined
              ? { type: 'thinking', thinking: '', signature: '' }
              : { type: 'redacted_thinking', data },
          ),
        ];
      }
      case 'tool-input-start':
        return [this.blockStart(toolUseBlock(part.toolCallId, part.toolName, {}))];
      case 'text-delta':
        return [this.delta({ type: 'text_delta', text: part.delta })];
      case 'reasoning-delta':
        return [this.delta({ type: 'thinking_delta', thinking: part.delta })];
      case 'tool-input-delta':
        return [this.delta({ type: 'input_json_delta', partial_json: part.delta })];
      case 'reasoning-end': {
        // Only a thinking signature is one: other providers' proofs (`issuer`) would be refused on replay.
        const { signature, issuer, redactedData } = part.metadata ?? {};
        const signed = signature !== undefined && issuer === undefined && redactedData === undefined;
        return signed
          ? [this.delta({ type: 'signature_delta', signature }), this.blockStop()]
          : [this.blockStop()];
      }
      case 'text-end': {
        // One `citations_delta` per citation, the event Anthropic uses, but at the block's end (citations are known
        // there; Anthropic sends each before the text it covers): the SDKs' finalMessage() is the same, while an
        // on('citation') listener hears them only when the block closes.
        const citations = messagesCitations(part.metadata?.citations);
        return [
          ...citations.map((citation) => this.delta({ type: 'citations_delta', citation })),
          this.blockStop(),
        ];
      }
      case 'tool-input-end':
        return [this.blockStop()];
      case 'native-item': {
        // Anthropic's own block (server_tool_use, web_search_tool_result, …), whole in its start, as Anthropic
        // streams a result block; a Responses item is for a Responses client only.
        const block = part.dialect === 'anthropic-messages' ? finishedNativeItem(part) : undefined;
        return block === undefined ? [] : [this.blockStart({ ...block }), this.blockStop()];
      }
      case 'usage':
        this.usage = part.usage;
        return [];
      case 'finish':
        this.usage = part.usage;
        return [
          {
            event: 'message_delta',
            data: {
              type: 'message_delta',
              delta: {
                stop_reason: anthropicStopReason(part.reason, part.rawReason),
                stop_sequence: null,
                ...MESSAGE_NULL_FIELDS,
              },
              usage: anthropicUsage(this.usage),
            },
          },
          { event: 'message_stop', data: { type: 'message_stop' } },
        ];
      case 'error':
        return [{ event: 'error', data: errorBody('anthropic', part.error) }];
      default:
        return [];
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

  private blockStart(contentBlock: Record<string, unknown>): OutboundEvent {
    this.blockIndex += 1;
    return {
      event: 'content_block_start',
      data: { type: 'content_block_start', index: this.blockIndex, content_block: contentBlock },
    };
  }

  private blockStop(): OutboundEvent {
    return { event: 'content_block_stop', data: { type: 'content_block_stop', index: this.blockIndex } };
  }

  private delta(delta: Record<string, unknown>): OutboundEvent {
    return {
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: this.blockIndex, delta },
    };
  }
}
