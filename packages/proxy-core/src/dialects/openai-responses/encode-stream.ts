import { newId } from '../../canonical/ids.ts';
import { answeringModel, reasoningPart } from '../../canonical/response.ts';
import type { ResponseMetadataPart, StreamPart } from '../../canonical/stream-part.ts';
import type { Usage } from '../../canonical/usage.ts';
import type { OutboundEvent } from '../../streaming/outbound.ts';
import { OpenedOnFirstPart } from '../opened-on-first-part.ts';
import type { ClientToolName } from './tool-policy.ts';
import { unwrapCustomInput } from './tool-policy.ts';
import { NativeItemRelay } from './native-items.ts';
import { responsesAnnotations } from './annotations.ts';
import {
  clientNameOf,
  clientToolNames,
  itemJson,
  outputTextPart,
  responseObject,
  statusFor,
  type OutputItem,
  type ResponsesEnvelope,
} from './response-object.ts';

/**
 * The Responses event lifecycle: `response.created`, `response.in_progress`, per output item
 * `output_item.added` → parts and deltas → closing events in reverse nesting order →
 * `output_item.done`, then exactly one of `response.completed`, `response.incomplete` or
 * `response.failed`. Every event carries an increasing `sequence_number`. The same events travel as SSE
 * frames over HTTP and as JSON messages in WebSocket mode.
 */
export class ResponsesStreamEncoder extends OpenedOnFirstPart {
  private envelope: ResponsesEnvelope;
  private readonly items: OutputItem[] = [];
  /** Part id → index in `items` of the items still open. */
  private readonly openByPart = new Map<string, number>();
  private sequence = 0;
  private usage: Usage | undefined;
  private readonly toolNames: ReadonlyMap<string, ClientToolName>;
  private readonly native: NativeItemRelay;

  constructor(envelope: ResponsesEnvelope) {
    super();
    this.envelope = envelope;
    this.toolNames = clientToolNames(envelope.body);
    this.native = new NativeItemRelay({ items: this.items, emit: (type, fields) => this.emit(type, fields) });
  }

  /** The output so far, for the WebSocket continuation cache. */
  get outputItems(): readonly OutputItem[] {
    return this.items;
  }

  /** Every event names the model that really answered (OpenedOnFirstPart); the keep-alive is an SSE comment. */
  protected answeredBy(metadata: ResponseMetadataPart): void {
    this.envelope = { ...this.envelope, model: answeringModel(this.envelope.model, metadata) };
  }

  protected opening(): readonly OutboundEvent[] {
    const response = responseObject(this.envelope, { status: 'in_progress', output: [] });
    return [this.emit('response.created', { response }), this.emit('response.in_progress', { response })];
  }

  protected encodePart(part: StreamPart): readonly OutboundEvent[] {
    switch (part.type) {
      case 'text-start':
        return this.openItem(part.id, { kind: 'message', id: newId('msg_'), text: '' });
      case 'reasoning-start': {
        const proof = reasoningPart('', part.metadata);
        return this.openItem(part.id, {
          kind: 'reasoning',
          id: newId('rs_'),
          text: '',
          ...(proof.signature === undefined ? {} : { signature: proof.signature }),
          ...(proof.issuer === undefined ? {} : { issuer: proof.issuer }),
        });
      }
      case 'tool-input-start':
        return this.openItem(part.id, {
          kind: 'function_call',
          id: newId('fc_'),
          callId: part.toolCallId,
          name: part.toolName,
          client: clientNameOf(this.toolNames, part.toolName),
          arguments: '',
        });
      case 'text-delta':
        return this.textDelta(part.id, part.delta);
      case 'reasoning-delta':
        return this.reasoningDelta(part.id, part.delta);
      case 'tool-input-delta':
        return this.argumentsDelta(part.id, part.delta);
      case 'reasoning-end': {
        const open = this.openItemOf(part.id);
        const proof = reasoningPart('', part.metadata);
        if (open?.item.kind === 'reasoning' && proof.signature !== undefined) {
          open.item.signature = proof.signature;
          if (proof.issuer !== undefined) open.item.issuer = proof.issuer;
        }
        return this.closeItem(part.id);
      }
      case 'text-end': {
        const open = this.openItemOf(part.id);
        const citations = part.metadata?.citations;
        if (open?.item.kind === 'message' && citations !== undefined) open.item.citations = citations;
        return this.closeItem(part.id);
      }
      case 'tool-call': {
        // The whole call is the authority on its arguments (the deltas add up to it after the normaliser).
        const open = this.openItemOf(part.id);
        if (open?.item.kind === 'function_call') open.item.arguments = part.input;
        return this.closeItem(part.id);
      }
      case 'native-item':
        return part.dialect === 'openai-responses' ? this.native.relay(part.event) : [];
      case 'usage':
        this.usage = part.usage;
        return [];
      case 'finish': {
        const status = statusFor(part.reason);
        const response = responseObject(this.envelope, {
          status,
          output: this.items.map((item) => itemJson(item, 'completed')),
          usage: part.usage,
          finishReason: part.reason,
        });
        return [
          this.emit(status === 'completed' ? 'response.completed' : 'response.incomplete', { response }),
        ];
      }
      case 'error': {
        const open = new Set(this.openByPart.values());
        const response = responseObject(this.envelope, {
          status: 'failed',
          output: this.items.map((item, index) =>
            itemJson(item, open.has(index) ? 'incomplete' : 'completed'),
          ),
          ...(this.usage === undefined ? {} : { usage: this.usage }),
          error: part.error,
        });
        return [this.emit('response.failed', { response })];
      }
      default:
        return [];
    }
  }

  private emit(type: string, fields: Record<string, unknown>): OutboundEvent {
    const data = { type, sequence_number: this.sequence, ...fields };
    this.sequence += 1;
    return { event: type, data };
  }

  private openItemOf(partId: string): { item: OutputItem; index: number } | undefined {
    const index = this.openByPart.get(partId);
    const item = index === undefined ? undefined : this.items[index];
    return item === undefined || index === undefined ? undefined : { item, index };
  }

  private openItem(partId: string, item: OutputItem): OutboundEvent[] {
    this.items.push(item);
    const index = this.items.length - 1;
    this.openByPart.set(partId, index);
    const added = this.emit('response.output_item.added', {
      output_index: index,
      item: itemJson(item, 'in_progress'),
    });
    const ids = { item_id: item.id, output_index: index };
    if (item.kind === 'message') {
      return [
        added,
        this.emit('response.content_part.added', { ...ids, content_index: 0, part: outputTextPart('') }),
      ];
    }
    if (item.kind === 'reasoning') {
      return [
        added,
        this.emit('response.reasoning_summary_part.added', {
          ...ids,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        }),
      ];
    }
    return [added];
  }

  private textDelta(partId: string, text: string): OutboundEvent[] {
    const open = this.openItemOf(partId);
    if (open?.item.kind !== 'message') return [];
    open.item.text += text;
    return [
      this.emit('response.output_text.delta', {
        item_id: open.item.id,
        output_index: open.index,
        content_index: 0,
        delta: text,
        logprobs: [],
      }),
    ];
  }

  private reasoningDelta(partId: string, text: string): OutboundEvent[] {
    const open = this.openItemOf(partId);
    if (open?.item.kind !== 'reasoning') return [];
    open.item.text += text;
    return [
      this.emit('response.reasoning_summary_text.delta', {
        item_id: open.item.id,
        output_index: open.index,
        summary_index: 0,
        delta: text,
      }),
    ];
  }

  private argumentsDelta(partId: string, delta: string): OutboundEvent[] {
    const open = this.openItemOf(partId);
    if (open?.item.kind !== 'function_call') return [];
    open.item.arguments += delta;
    // A custom tool's input is the `input` string inside these arguments: sent whole when the call closes.
    if (open.item.client.custom) return [];
    return [
      this.emit('response.function_call_arguments.delta', {
        item_id: open.item.id,
        output_index: open.index,
        delta,
      }),
    ];
  }

  private closeItem(partId: string): OutboundEvent[] {
    const open = this.openItemOf(partId);
    this.openByPart.delete(partId);
    if (open === undefined) return [];
    const { item, index } = open;
    // A relayed hosted-tool item is never open here: its own events closed it.
    if (item.kind === 'native') return [];
    const ids = { item_id: item.id, output_index: index };
    const done = this.emit.bind(this);
    const closing: OutboundEvent[] = [];
    if (item.kind === 'message') {
      // Every annotation is announced before the text is done, as OpenAI streams them.
      responsesAnnotations(item.citations, item.text).forEach((annotation, annotationIndex) => {
        closing.push(
          done('response.output_text.annotation.added', {
            ...ids,
            content_index: 0,
            annotation_index: annotationIndex,
            annotation,
          }),
        );
      });
      closing.push(
        done('response.output_text.done', { ...ids, content_index: 0, text: item.text, logprobs: [] }),
      );
      closing.push(
        done('response.content_part.done', {
          ...ids,
          content_index: 0,
          part: outputTextPart(item.text, item.citations),
        }),
      );
    } else if (item.kind === 'reasoning') {
      closing.push(
        done('response.reasoning_summary_text.done', { ...ids, summary_index: 0, text: item.text }),
      );
      closing.push(
        done('response.reasoning_summary_part.done', {
          ...ids,
          summary_index: 0,
          part: { type: 'summary_text', text: item.text },
        }),
      );
    } else if (item.client.custom) {
      const input = unwrapCustomInput(item.arguments);
      closing.push(done('response.custom_tool_call_input.delta', { ...ids, delta: input }));
      closing.push(done('response.custom_tool_call_input.done', { ...ids, input }));
    } else {
      closing.push(
        done('response.function_call_arguments.done', {
          ...ids,
          name: item.client.name,
          arguments: item.arguments,
        }),
      );
    }
    closing.push(
      done('response.output_item.done', { output_index: index, item: itemJson(item, 'completed') }),
    );
    return closing;
  }
}
