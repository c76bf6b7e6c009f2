import type { CanonicalStreamEvent } from '../../canonical/stream-event.ts';
import { ZERO_USAGE } from '../../canonical/usage.ts';
import type { StreamDecoder } from '../shared/http-call.ts';
import { asNumber, asObject, asString, parseJson, type JsonObject } from '../shared/json.ts';
import type { SseEvent } from '../shared/sse.ts';
import { failedResponseError, responsesStreamError } from './errors.ts';
import { responsesFinishReason } from './finish-reason.ts';
import { responsesUsage } from './usage.ts';
import { canonicalToolName, wrapCustomInput } from '../../dialects/openai-responses/tool-policy.ts';

/** Output item types the canonical stream carries itself; every other type is relayed as a native item. */
export const MODELLED_ITEMS: ReadonlySet<string> = new Set([
  'message',
  'reasoning',
  'function_call',
  'custom_tool_call',
]);

interface ToolState {
  readonly index: number;
  sentArguments: boolean;
}

/**
 * Decodes Responses SSE events (protocols.md §1). Text, refusal, reasoning and function-call argument
 * deltas map one to one; the terminal `response.completed` / `.incomplete` / `.failed` / `error`
 * event ends the stream. There is no `[DONE]`: a body that ends before a terminal event is truncated.
 */
export class ResponsesStreamDecoder implements StreamDecoder {
  private started = false;
  /** Function calls by `output_index` (deltas carry it alongside `item_id`). */
  private readonly tools = new Map<number, ToolState>();
  private readonly toolsByItemId = new Map<string, ToolState>();
  private refused = false;
  /** Ids of the hosted-tool items being relayed; their per-tool events name them in `item_id`. */
  private readonly nativeItems = new Set<string>();

  push(sse: SseEvent): CanonicalStreamEvent[] {
    const event = asObject(parseJson(sse.data));
    if (event === undefined) return [];
    const type = asString(event['type']) ?? sse.event ?? '';
    const events: CanonicalStreamEvent[] = [];
    if (type === 'error') return [{ type: 'error', error: responsesStreamError(event) }];
    if (type === 'response.failed') return [{ type: 'error', error: failedResponseError(event) }];
    if (!this.started) {
      this.started = true;
      events.push({ type: 'start' });
    }
    const native = this.nativeItem(type, event);
    if (native === undefined) this.content(type, event, events);
    else events.push(native);
    return events;
  }

  /**
   * An event of an item the canonical stream does not model (hosted tools: `web_search_call`, `mcp_call`, …),
   * kept whole for a Responses client (NativeItemEvent). Messages, reasoning and function or custom calls are not.
   */
  private nativeItem(type: string, event: JsonObject): CanonicalStreamEvent | undefined {
    const item = asObject(event['item']);
    const itemType = asString(item?.['type']);
    if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      if (itemType === undefined || MODELLED_ITEMS.has(itemType)) return undefined;
      const id = asString(item?.['id']);
      if (id !== undefined) this.nativeItems.add(id);
      return { type: 'native_item_event', dialect: 'openai-responses', event };
    }
    const itemId = asString(event['item_id']);
    if (itemId === undefined || !this.nativeItems.has(itemId)) return undefined;
    return { type: 'native_item_event', dialect: 'openai-responses', event };
  }

  end(): CanonicalStreamEvent[] {
    return [];
  }

  private content(type: string, event: JsonObject, events: CanonicalStreamEvent[]): void {
    const delta = asString(event['delta']) ?? '';
    switch (type) {
      case 'response.output_text.delta':
        if (delta !== '') events.push({ type: 'text_delta', text: delta });
        return;
      case 'response.refusal.delta':
        this.refused = true;
        if (delta !== '') events.push({ type: 'text_delta', text: delta });
        return;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        if (delta !== '') events.push({ type: 'reasoning_delta', text: delta });
        return;
      case 'response.output_item.added':
        this.itemAdded(event, events);
        return;
      case 'response.output_item.done':
        this.customCallDone(event, events);
        this.encryptedReasoning(event, events);
        return;
      case 'response.function_call_arguments.delta': {
        const tool = this.toolOf(event);
        if (tool !== undefined && delta !== '') {
          tool.sentArguments = true;
          events.push({ type: 'tool_call_delta', index: tool.index, argumentsDelta: delta });
        }
        return;
      }
      case 'response.function_call_arguments.done': {
        // Some upstreams send the arguments only here; never send them twice.
        const tool = this.toolOf(event);
        const args = asString(event['arguments']) ?? '';
        if (tool !== undefined && !tool.sentArguments && args !== '') {
          tool.sentArguments = true;
          events.push({ type: 'tool_call_delta', index: tool.index, argumentsDelta: args });
        }
        return;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = asObject(event['response']) ?? {};
        const usage = responsesUsage(response['usage']) ?? ZERO_USAGE;
        events.push({ type: 'usage', usage });
        events.push({
          type: 'finish',
          reason: responsesFinishReason(response, this.tools.size > 0, this.refused),
          usage,
        });
        return;
      }
      default:
        return;
    }
  }

  /**
   * A custom tool call's input is freeform text; canonically it is the `{input}` argument of a function
   * (tool-policy.ts), sent whole once the item is done rather than re-wrapped delta by delta.
   */
  private customCallDone(event: JsonObject, events: CanonicalStreamEvent[]): void {
    const item = asObject(event['item']);
    if (asString(item?.['type']) !== 'custom_tool_call') return;
    const tool = this.toolOf({ ...event, item_id: item?.['id'] });
    if (tool === undefined || tool.sentArguments) return;
    tool.sentArguments = true;
    events.push({
      type: 'tool_call_delta',
      index: tool.index,
      argumentsDelta: wrapCustomInput(asString(item?.['input']) ?? ''),
    });
  }

  /** OpenAI's encrypted reasoning (asked for with `include`): the proof a replay hands back, as a signature. */
  private encryptedReasoning(event: JsonObject, events: CanonicalStreamEvent[]): void {
    const item = asObject(event['item']);
    const encrypted = asString(item?.['encrypted_content']);
    if (asString(item?.['type']) !== 'reasoning' || encrypted === undefined || encrypted === '') return;
    events.push({ type: 'reasoning_signature', signature: encrypted, issuer: 'openai' });
  }

  private itemAdded(event: JsonObject, events: CanonicalStreamEvent[]): void {
    const item = asObject(event['item']);
    const type = asString(item?.['type']);
    if (type !== 'function_call' && type !== 'custom_tool_call') return;
    const tool: ToolState = { index: this.tools.size, sentArguments: false };
    this.tools.set(asNumber(event['output_index']) ?? tool.index, tool);
    const itemId = asString(item?.['id']);
    if (itemId !== undefined) this.toolsByItemId.set(itemId, tool);
    events.push({
      type: 'tool_call_start',
      index: tool.index,
      id: asString(item?.['call_id']) ?? `call_${tool.index}`,
      name: canonicalToolName(asString(item?.['name']) ?? '', asString(item?.['namespace'])),
    });
  }

  private toolOf(event: JsonObject): ToolState | undefined {
    const itemId = asString(event['item_id']);
    const byId = itemId === undefined ? undefined : this.toolsByItemId.get(itemId);
    const outputIndex = asNumber(event['output_index']);
    return byId ?? (outputIndex === undefined ? undefined : this.tools.get(outputIndex));
  }
}
