import { textEndPart, type StreamPart } from '../../canonical/stream-part.ts';
import { messageCitations } from './annotations.ts';
import { ZERO_USAGE } from '../../canonical/usage.ts';
import type { StreamDecoder } from '../shared/http-call.ts';
import { asNumber, asObject, asString, parseJson, type JsonObject } from '../shared/json.ts';
import { responseMetadata } from '../shared/response-metadata.ts';
import type { SseEvent } from '../shared/sse.ts';
import { failedResponseError, responsesStreamError } from './errors.ts';
import { responsesFinish } from './finish-reason.ts';
import { responsesUsage } from './usage.ts';
import { canonicalToolName, wrapCustomInput } from '../../dialects/openai-responses/tool-policy.ts';

/** Output item types the canonical parts carry themselves; every other type is relayed as a native item. */
export const MODELLED_ITEMS: ReadonlySet<string> = new Set([
  'message',
  'reasoning',
  'function_call',
  'custom_tool_call',
]);

interface ToolState {
  readonly index: number;
  /** Its canonical part's id. */
  readonly id: string;
  sentArguments: boolean;
}

/**
 * Decodes Responses SSE events (protocols.md §1) into canonical parts, one part per output item (addressed by
 * its `output_index`): text and refusal deltas, reasoning deltas (its encrypted content, when asked for, ends it
 * as an `openai` proof), function-call arguments, a message's annotations (read from its finished item); `response.created` names the real model and response id; the terminal `response.completed` / `.incomplete` / `.failed` / `error`
 * event ends the stream. There is no `[DONE]`: a body that ends before a terminal event is truncated.
 */
export class ResponsesStreamDecoder implements StreamDecoder {
  private started = false;
  /** Function calls by `output_index` (deltas carry it alongside `item_id`). */
  private readonly tools = new Map<number, ToolState>();
  private readonly toolsByItemId = new Map<string, ToolState>();
  private refused = false;
  /** Reasoning parts that got text (opened by it): an encrypted-only item must be opened at its end. */
  private readonly reasoningWithText = new Set<string>();
  /** Ids of the hosted-tool items being relayed; their per-tool events name them in `item_id`. */
  private readonly nativeItems = new Set<string>();

  push(sse: SseEvent): StreamPart[] {
    const event = asObject(parseJson(sse.data));
    if (event === undefined) return [];
    const type = asString(event['type']) ?? sse.event ?? '';
    const events: StreamPart[] = [];
    if (type === 'error') return [{ type: 'error', error: responsesStreamError(event) }];
    if (type === 'response.failed') return [{ type: 'error', error: failedResponseError(event) }];
    if (!this.started) {
      this.started = true;
      events.push({ type: 'stream-start', warnings: [] });
    }
    if (type === 'response.created') events.push(responseMetadata(asObject(event['response'])));
    const native = this.nativeItem(type, event);
    if (native === undefined) this.content(type, event, events);
    else events.push(native);
    return events;
  }

  /**
   * An event of an item the canonical parts do not model (hosted tools: `web_search_call`, `mcp_call`, …), kept
   * whole for a Responses client (NativeItemPart). Messages, reasoning and function or custom calls are not.
   */
  private nativeItem(type: string, event: JsonObject): StreamPart | undefined {
    const item = asObject(event['item']);
    const itemType = asString(item?.['type']);
    if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      if (itemType === undefined || MODELLED_ITEMS.has(itemType)) return undefined;
      const id = asString(item?.['id']);
      if (id !== undefined) this.nativeItems.add(id);
      return { type: 'native-item', dialect: 'openai-responses', event };
    }
    const itemId = asString(event['item_id']);
    if (itemId === undefined || !this.nativeItems.has(itemId)) return undefined;
    return { type: 'native-item', dialect: 'openai-responses', event };
  }

  end(): StreamPart[] {
    return [];
  }

  private content(type: string, event: JsonObject, events: StreamPart[]): void {
    const delta = asString(event['delta']) ?? '';
    switch (type) {
      case 'response.output_text.delta':
        events.push({ type: 'text-delta', id: itemPartId(event), delta });
        return;
      case 'response.refusal.delta':
        this.refused = true;
        events.push({ type: 'text-delta', id: itemPartId(event), delta });
        return;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const id = itemPartId(event);
        if (delta !== '') this.reasoningWithText.add(id);
        events.push({ type: 'reasoning-delta', id, delta });
        return;
      }
      case 'response.output_item.added':
        this.itemAdded(event, events);
        return;
      case 'response.output_item.done':
        this.itemDone(event, events);
        return;
      case 'response.function_call_arguments.delta': {
        const tool = this.toolOf(event);
        if (tool !== undefined && delta !== '') {
          tool.sentArguments = true;
          events.push({ type: 'tool-input-delta', id: tool.id, delta });
        }
        return;
      }
      case 'response.function_call_arguments.done': {
        // Some upstreams send the arguments only here; never send them twice.
        const tool = this.toolOf(event);
        const args = asString(event['arguments']) ?? '';
        if (tool !== undefined && !tool.sentArguments && args !== '') {
          tool.sentArguments = true;
          events.push({ type: 'tool-input-delta', id: tool.id, delta: args });
        }
        return;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = asObject(event['response']) ?? {};
        const usage = responsesUsage(response['usage']) ?? ZERO_USAGE;
        events.push({ type: 'usage', usage });
        events.push(responsesFinish(response, this.tools.size > 0, this.refused, usage));
        return;
      }
      default:
        return;
    }
  }

  /** An item ends: its part ends (a custom tool call's input, freeform text, goes out whole first). */
  private itemDone(event: JsonObject, events: StreamPart[]): void {
    const item = asObject(event['item']);
    const type = asString(item?.['type']);
    if (type === 'function_call' || type === 'custom_tool_call') {
      const tool = this.toolOf({ ...event, item_id: item?.['id'] });
      if (tool === undefined) return;
      // A custom tool call's input is canonically the `{input}` argument of a function (tool-policy.ts).
      if (type === 'custom_tool_call' && !tool.sentArguments) {
        tool.sentArguments = true;
        events.push({
          type: 'tool-input-delta',
          id: tool.id,
          delta: wrapCustomInput(asString(item?.['input']) ?? ''),
        });
      }
      events.push({ type: 'tool-input-end', id: tool.id });
      return;
    }
    const id = itemPartId(event);
    if (type === 'message') {
      // The finished item holds every annotation its `annotation.added` events announced, in order.
      events.push(textEndPart(id, item === undefined ? [] : messageCitations(item)));
      return;
    }
    if (type !== 'reasoning') return;
    // OpenAI's encrypted reasoning (asked for with `include`): the proof a replay hands back.
    const encrypted = asString(item?.['encrypted_content']) ?? '';
    if (encrypted === '') {
      events.push({ type: 'reasoning-end', id });
      return;
    }
    if (!this.reasoningWithText.has(id)) events.push({ type: 'reasoning-start', id });
    events.push({ type: 'reasoning-end', id, metadata: { signature: encrypted, issuer: 'openai' } });
  }

  private itemAdded(event: JsonObject, events: StreamPart[]): void {
    const item = asObject(event['item']);
    const type = asString(item?.['type']);
    if (type !== 'function_call' && type !== 'custom_tool_call') return;
    const index = this.tools.size;
    const tool: ToolState = { index, id: `tool-${index}`, sentArguments: false };
    this.tools.set(asNumber(event['output_index']) ?? tool.index, tool);
    const itemId = asString(item?.['id']);
    if (itemId !== undefined) this.toolsByItemId.set(itemId, tool);
    events.push({
      type: 'tool-input-start',
      id: tool.id,
      toolCallId: asString(item?.['call_id']) ?? `call_${tool.index}`,
      toolName: canonicalToolName(asString(item?.['name']) ?? '', asString(item?.['namespace'])),
    });
  }

  private toolOf(event: JsonObject): ToolState | undefined {
    const itemId = asString(event['item_id']);
    const byId = itemId === undefined ? undefined : this.toolsByItemId.get(itemId);
    const outputIndex = asNumber(event['output_index']);
    return byId ?? (outputIndex === undefined ? undefined : this.tools.get(outputIndex));
  }
}

/** The part of the output item an event is about: by its `output_index`, else its item id. */
function itemPartId(event: JsonObject): string {
  const outputIndex = asNumber(event['output_index']);
  return outputIndex === undefined ? `item-${asString(event['item_id']) ?? ''}` : `item-${outputIndex}`;
}
