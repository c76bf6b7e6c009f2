import type { ReasoningIssuer, ReasoningPart, TextPart, ToolCallPart } from './content.ts';
import type { FinishReason } from './finish-reason.ts';
import type { CanonicalStreamEvent } from './stream-event.ts';
import { ZERO_USAGE, type Usage } from './usage.ts';

/** A finished, non-streamed answer: the stream folded into output parts. */
export interface CanonicalResponse {
  readonly output: readonly (TextPart | ReasoningPart | ToolCallPart)[];
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  /**
   * Finished items of the upstream's own API the parts do not model (NativeItemEvent), each with the number of
   * `output` parts before it; only the encoder of that API places them, every other dialect leaves them out.
   */
  readonly nativeItems?: readonly NativeOutputItem[];
}

export interface NativeOutputItem {
  readonly dialect: 'openai-responses';
  /** How many `output` parts come before this item. */
  readonly at: number;
  readonly item: Readonly<Record<string, unknown>>;
}

type MutablePart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; signature?: string; issuer?: ReasoningIssuer }
  | { type: 'tool_call'; index: number; id: string; name: string; arguments: string };

/**
 * Folds canonical events into a response. Non-streaming routes use it so that providers implement
 * only `stream`; consecutive deltas of one kind join into one part, as every dialect expects.
 */
export class ResponseAccumulator {
  private readonly parts: MutablePart[] = [];
  private readonly nativeItems: NativeOutputItem[] = [];
  private usage: Usage = ZERO_USAGE;
  private finishReason: FinishReason | undefined;

  add(event: CanonicalStreamEvent): void {
    switch (event.type) {
      case 'start':
        if (event.inputTokens !== undefined) this.usage = { ...this.usage, inputTokens: event.inputTokens };
        return;
      case 'text_delta': {
        const last = this.parts.at(-1);
        if (last?.type === 'text') last.text += event.text;
        else this.parts.push({ type: 'text', text: event.text });
        return;
      }
      case 'reasoning_delta': {
        // A signed block is closed: reasoning after its signature is the next block.
        const last = this.parts.at(-1);
        if (last?.type === 'reasoning' && last.signature === undefined) last.text += event.text;
        else this.parts.push({ type: 'reasoning', text: event.text });
        return;
      }
      case 'reasoning_signature': {
        const last = this.parts.at(-1);
        const issued = event.issuer === undefined ? {} : { issuer: event.issuer };
        if (last?.type === 'reasoning' && last.signature === undefined)
          Object.assign(last, { signature: event.signature, ...issued });
        // Reasoning with no text (OpenAI's encrypted reasoning without a summary, redacted thinking) is still
        // reasoning to hand back, in a block of its own.
        else this.parts.push({ type: 'reasoning', text: '', signature: event.signature, ...issued });
        return;
      }
      case 'tool_call_start':
        this.parts.push({
          type: 'tool_call',
          index: event.index,
          id: event.id,
          name: event.name,
          arguments: '',
        });
        return;
      case 'tool_call_delta': {
        const call = this.parts.find((part) => part.type === 'tool_call' && part.index === event.index);
        if (call?.type === 'tool_call') call.arguments += event.argumentsDelta;
        return;
      }
      case 'native_item_event': {
        // The finished item is the one to keep; the events before it only built it up.
        const item = event.event['item'];
        if (event.event['type'] === 'response.output_item.done' && typeof item === 'object' && item !== null)
          this.nativeItems.push({
            dialect: event.dialect,
            at: this.parts.length,
            item: item as Record<string, unknown>,
          });
        return;
      }
      case 'usage':
        this.usage = event.usage;
        return;
      case 'finish':
        this.usage = event.usage;
        this.finishReason = event.reason;
        return;
      case 'error':
        return;
    }
  }

  /** The response, or undefined when no `finish` arrived (the caller treats that as a failure). */
  result(): CanonicalResponse | undefined {
    if (this.finishReason === undefined) return undefined;
    const output = this.parts.map((part): TextPart | ReasoningPart | ToolCallPart => {
      if (part.type === 'tool_call') {
        return { type: 'tool_call', id: part.id, name: part.name, arguments: part.arguments };
      }
      if (part.type === 'reasoning') {
        // The issuer says whose proof the signature is; without it a dialect would hand one provider's proof to another.
        if (part.signature === undefined) return { type: 'reasoning', text: part.text };
        return part.issuer === undefined
          ? { type: 'reasoning', text: part.text, signature: part.signature }
          : { type: 'reasoning', text: part.text, signature: part.signature, issuer: part.issuer };
      }
      return { type: 'text', text: part.text };
    });
    const native = this.nativeItems.length === 0 ? {} : { nativeItems: [...this.nativeItems] };
    return { output, finishReason: this.finishReason, usage: this.usage, ...native };
  }
}
