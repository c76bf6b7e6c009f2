import type { ReasoningIssuer } from '../../canonical/content.ts';
import { newId } from '../../canonical/ids.ts';
import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import type { Usage } from '../../canonical/usage.ts';
import type { OutboundEvent, StreamEncoder } from '../../streaming/outbound.ts';
import type { ClientToolName } from './tool-policy.ts';
import { unwrapCustomInput } from './tool-policy.ts';
import { NativeItemRelay } from './native-items.ts';
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
export class ResponsesStreamEncoder implements StreamEncoder {
  private readonly envelope: ResponsesEnvelope;
  private readonly items: OutputItem[] = [];
  private openIndex: number | undefined;
  private sequence = 0;
  private usage: Usage | undefined;
  private readonly toolNames: ReadonlyMap<string, ClientToolName>;
  private readonly native: NativeItemRelay;

  constructor(envelope: ResponsesEnvelope) {
    this.envelope = envelope;
    this.toolNames = clientToolNames(envelope.body);
    this.native = new NativeItemRelay({
      items: this.items,
      emit: (type, fields) => this.emit(type, fields),
      closeOpen: () => this.closeOpen(),
    });
  }

  /** The output so far, for the WebSocket continuation cache. */
  get outputItems(): readonly OutputItem[] {
    return this.items;
  }

  encode(event: CanonicalStreamEvent): readonly OutboundEvent[] {
    switch (event.type) {
      case 'start': {
        const response = responseObject(this.envelope, { status: 'in_progress', output: [] });
        return [this.emit('response.created', { response }), this.emit('response.in_progress', { response })];
      }
      case 'text_delta':
        return [...this.ensureOpen('message'), this.textDelta(event.text)];
      case 'reasoning_delta':
        return [...this.ensureOpen('reasoning'), this.reasoningDelta(event.text)];
      case 'reasoning_signature':
        return this.sign(event.signature, event.issuer);
      case 'tool_call_start':
        return [
          ...this.closeOpen(),
          ...this.openItem({
            kind: 'function_call',
            id: newId('fc_'),
            callId: event.id,
            name: event.name,
            client: clientNameOf(this.toolNames, event.name),
            arguments: '',
          }),
        ];
      case 'tool_call_delta':
        return this.argumentsDelta(event.argumentsDelta);
      case 'native_item_event':
        return event.dialect === 'openai-responses' ? this.native.relay(event.event) : [];
      case 'usage':
        this.usage = event.usage;
        return [];
      case 'finish': {
        const closing = this.closeOpen();
        const status = statusFor(event.reason);
        const response = responseObject(this.envelope, {
          status,
          output: this.items.map((item) => itemJson(item, 'completed')),
          usage: event.usage,
          finishReason: event.reason,
        });
        return [
          ...closing,
          this.emit(status === 'completed' ? 'response.completed' : 'response.incomplete', { response }),
        ];
      }
      case 'error': {
        const response = responseObject(this.envelope, {
          status: 'failed',
          output: this.items.map((item, index) =>
            itemJson(item, index === this.openIndex ? 'incomplete' : 'completed'),
          ),
          ...(this.usage === undefined ? {} : { usage: this.usage }),
          error: event.error,
        });
        return [this.emit('response.failed', { response })];
      }
    }
  }

  private emit(type: string, fields: Record<string, unknown>): OutboundEvent {
    const data = { type, sequence_number: this.sequence, ...fields };
    this.sequence += 1;
    return { event: type, data };
  }

  private current(): { item: OutputItem; index: number } | undefined {
    if (this.openIndex === undefined) return undefined;
    const item = this.items[this.openIndex];
    return item === undefined ? undefined : { item, index: this.openIndex };
  }

  private ensureOpen(kind: 'message' | 'reasoning'): OutboundEvent[] {
    const open = this.current()?.item;
    // A signed reasoning item is complete: more reasoning opens the next one.
    if (open?.kind === kind && !(open.kind === 'reasoning' && open.signature !== undefined)) return [];
    const id = newId(kind === 'message' ? 'msg_' : 'rs_');
    return [...this.closeOpen(), ...this.openItem({ kind, id, text: '' })];
  }

  private openItem(item: OutputItem): OutboundEvent[] {
    this.items.push(item);
    const index = this.items.length - 1;
    this.openIndex = index;
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

  private textDelta(text: string): OutboundEvent {
    const { item, index } = this.current() as {
      item: Extract<OutputItem, { kind: 'message' }>;
      index: number;
    };
    item.text += text;
    return this.emit('response.output_text.delta', {
      item_id: item.id,
      output_index: index,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
  }

  private reasoningDelta(text: string): OutboundEvent {
    const { item, index } = this.current() as {
      item: Extract<OutputItem, { kind: 'reasoning' }>;
      index: number;
    };
    item.text += text;
    return this.emit('response.reasoning_summary_text.delta', {
      item_id: item.id,
      output_index: index,
      summary_index: 0,
      delta: text,
    });
  }

  /**
   * A signature belongs to the reasoning being streamed (Anthropic sends it at the end of the thinking block) and
   * closes it; reasoning that came without text (OpenAI's encrypted reasoning with no summary, Anthropic's
   * redacted thinking) gets an item of its own.
   */
  private sign(signature: string, issuer: ReasoningIssuer | undefined): OutboundEvent[] {
    const opened = this.ensureOpen('reasoning');
    const reasoning = this.current()?.item;
    if (reasoning?.kind !== 'reasoning') return opened;
    reasoning.signature = signature;
    if (issuer !== undefined) reasoning.issuer = issuer;
    return opened;
  }

  private argumentsDelta(delta: string): OutboundEvent[] {
    const open = this.current();
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

  private closeOpen(): OutboundEvent[] {
    const open = this.current();
    this.openIndex = undefined;
    // A relayed hosted-tool item is never open: its own events closed it.
    if (open === undefined || open.item.kind === 'native') return [];
    const { item, index } = open;
    const ids = { item_id: item.id, output_index: index };
    const done = this.emit.bind(this);
    const closing: OutboundEvent[] = [];
    if (item.kind === 'message') {
      closing.push(
        done('response.output_text.done', { ...ids, content_index: 0, text: item.text, logprobs: [] }),
      );
      closing.push(
        done('response.content_part.done', { ...ids, content_index: 0, part: outputTextPart(item.text) }),
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
