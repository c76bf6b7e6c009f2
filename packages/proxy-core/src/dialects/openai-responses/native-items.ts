import type { OutboundEvent } from '../../streaming/outbound.ts';
import type { OutputItem } from './response-object.ts';

type Json = Readonly<Record<string, unknown>>;

/** What the relay needs from the stream encoder that owns the output list and the sequence numbers. */
export interface NativeRelayHost {
  readonly items: OutputItem[];
  emit(type: string, fields: Record<string, unknown>): OutboundEvent;
}

/**
 * Relays an OpenAI upstream's hosted-tool items (`web_search_call`, `code_interpreter_call`, `mcp_call`, …) to a
 * Responses client as they came: `response.output_item.added`, the per-tool events, `response.output_item.done`.
 * Only the position changes: the proxy numbers the client's output list itself (its own message and reasoning
 * items sit beside these), so `output_index` is the client's, and `sequence_number` the stream's.
 */
export class NativeItemRelay {
  private readonly host: NativeRelayHost;
  /** The client's output index of each relayed item, by item id and by the upstream's output index. */
  private readonly byItemId = new Map<string, number>();
  private readonly byUpstreamIndex = new Map<number, number>();

  constructor(host: NativeRelayHost) {
    this.host = host;
  }

  relay(event: Json): OutboundEvent[] {
    const type = typeof event['type'] === 'string' ? event['type'] : '';
    const item = objectOf(event['item']);
    if (type === 'response.output_item.added' && item !== undefined) return this.added(event, item);
    if (type === 'response.output_item.done' && item !== undefined) return this.done(event, item);
    const index = this.indexOf(event);
    // A per-tool event for an item never announced has no place in the client's list.
    return index === undefined ? [] : [this.host.emit(type, { ...fieldsOf(event), output_index: index })];
  }

  private added(event: Json, item: Json): OutboundEvent[] {
    // The upstream's items are sequential: the item before this one has ended already (its end part came first).
    const index = this.place(event, item);
    return [this.host.emit('response.output_item.added', { output_index: index, item })];
  }

  private done(event: Json, item: Json): OutboundEvent[] {
    const known = this.indexOf({ ...event, item_id: item['id'] });
    // A non-streamed answer (or an upstream that skipped `added`) has only the finished item.
    const index = known ?? this.place(event, item);
    const record = this.host.items[index];
    if (record?.kind === 'native') record.json = item;
    return [this.host.emit('response.output_item.done', { output_index: index, item })];
  }

  private place(event: Json, item: Json): number {
    const id = typeof item['id'] === 'string' ? item['id'] : `native_${this.host.items.length}`;
    this.host.items.push({ kind: 'native', id, json: item });
    const index = this.host.items.length - 1;
    this.byItemId.set(id, index);
    const upstream = event['output_index'];
    if (typeof upstream === 'number') this.byUpstreamIndex.set(upstream, index);
    return index;
  }

  private indexOf(event: Json): number | undefined {
    const itemId = event['item_id'];
    const byId = typeof itemId === 'string' ? this.byItemId.get(itemId) : undefined;
    const upstream = event['output_index'];
    return byId ?? (typeof upstream === 'number' ? this.byUpstreamIndex.get(upstream) : undefined);
  }
}

function objectOf(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The event's own fields, without those the client's stream numbers itself. */
function fieldsOf(event: Json): Record<string, unknown> {
  const { type: _type, sequence_number: _sequence, output_index: _index, ...fields } = event;
  return fields;
}
