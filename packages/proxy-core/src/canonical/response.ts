import type { Citation } from './citation.ts';
import { REDACTED_THINKING, type ReasoningPart, type TextPart, type ToolCallPart } from './content.ts';
import type { FinishReason } from './finish-reason.ts';
import { finishedNativeItem, type NativeOutputItem } from './native-items.ts';
import type { ReasoningMetadata, StreamPart } from './stream-part.ts';
import { ZERO_USAGE, type Usage } from './usage.ts';

/** A finished, non-streamed answer: the stream folded into output parts. */
export interface CanonicalResponse {
  readonly output: readonly (TextPart | ReasoningPart | ToolCallPart)[];
  readonly finishReason: FinishReason;
  /** The upstream's own word for it, when it said one (a dialect that shares the upstream's words may pass it on). */
  readonly rawFinishReason?: string;
  readonly usage: Usage;
  /** Who really answered (the upstream's model id and response id), when the upstream said. */
  readonly metadata?: UpstreamMetadata;
  /**
   * Finished items of the upstream's own API the parts do not model (NativeItemPart), each with the number of
   * `output` parts before it; only the encoder of that API places them, every other dialect leaves them out.
   */
  readonly nativeItems?: readonly NativeOutputItem[];
}

/** The upstream's own model id and response id (a `response-metadata` part without its type). */
export interface UpstreamMetadata {
  readonly modelId?: string;
  readonly id?: string;
}

/** The model a dialect's answer names: the upstream's own id when it said one, else the proxy's name for it. */
export function answeringModel(proxyName: string, metadata: UpstreamMetadata | undefined): string {
  return metadata?.modelId ?? proxyName;
}

type MutablePart =
  | { type: 'text'; text: string; citations?: readonly Citation[] }
  | { type: 'reasoning'; text: string; metadata?: ReasoningMetadata }
  | { type: 'tool_call'; id: string; name: string; arguments: string };

/**
 * Folds a normalised v2 stream (streaming/stream-normaliser.ts) into a response. Non-streaming routes use it so
 * that providers implement only `stream`: one output part per stream part, in the order they opened, so a
 * streamed answer and the same answer folded agree part for part.
 */
export class ResponseAccumulator {
  private readonly parts: MutablePart[] = [];
  private readonly byId = new Map<string, MutablePart>();
  private usage: Usage = ZERO_USAGE;
  private finishReason: FinishReason | undefined;
  private rawFinishReason: string | undefined;
  private metadata: UpstreamMetadata | undefined;
  private readonly nativeItems: NativeOutputItem[] = [];

  add(part: StreamPart): void {
    switch (part.type) {
      case 'stream-start':
        if (part.usage !== undefined) this.usage = part.usage;
        return;
      case 'text-start':
        this.open(part.id, { type: 'text', text: '' });
        return;
      case 'reasoning-start':
        this.open(part.id, { type: 'reasoning', text: '' });
        return;
      case 'tool-input-start':
        this.open(part.id, { type: 'tool_call', id: part.toolCallId, name: part.toolName, arguments: '' });
        return;
      case 'text-delta':
      case 'reasoning-delta': {
        const open = this.byId.get(part.id);
        if (open !== undefined && open.type !== 'tool_call') open.text += part.delta;
        return;
      }
      case 'text-end': {
        const open = this.byId.get(part.id);
        const citations = part.metadata?.citations;
        if (open?.type === 'text' && citations !== undefined) open.citations = citations;
        return;
      }
      case 'reasoning-end': {
        const open = this.byId.get(part.id);
        if (open?.type === 'reasoning' && part.metadata !== undefined) open.metadata = part.metadata;
        return;
      }
      case 'tool-call': {
        // The whole call is the authority on its input (the deltas add up to it after the normaliser).
        const open = this.byId.get(part.id);
        if (open?.type === 'tool_call') open.arguments = part.input;
        return;
      }
      case 'response-metadata': {
        const { type: _type, ...metadata } = part;
        this.metadata = metadata;
        return;
      }
      case 'native-item': {
        const item = finishedNativeItem(part);
        if (item !== undefined) this.nativeItems.push({ dialect: part.dialect, at: this.parts.length, item });
        return;
      }
      case 'usage':
        this.usage = part.usage;
        return;
      case 'finish':
        this.usage = part.usage;
        this.finishReason = part.reason;
        this.rawFinishReason = part.rawReason;
        return;
      default:
        return;
    }
  }

  private open(id: string, part: MutablePart): void {
    this.byId.set(id, part);
    this.parts.push(part);
  }

  /** The response, or undefined when no `finish` arrived (the caller treats that as a failure). */
  result(): CanonicalResponse | undefined {
    if (this.finishReason === undefined) return undefined;
    const output = this.parts.map((part): TextPart | ReasoningPart | ToolCallPart => {
      if (part.type === 'tool_call') {
        return { type: 'tool_call', id: part.id, name: part.name, arguments: part.arguments };
      }
      if (part.type === 'reasoning') return reasoningPart(part.text, part.metadata);
      return part.citations === undefined
        ? { type: 'text', text: part.text }
        : { type: 'text', text: part.text, citations: part.citations };
    });
    const raw = this.rawFinishReason === undefined ? {} : { rawFinishReason: this.rawFinishReason };
    const metadata = this.metadata === undefined ? {} : { metadata: this.metadata };
    const native = this.nativeItems.length === 0 ? {} : { nativeItems: [...this.nativeItems] };
    return { output, finishReason: this.finishReason, ...raw, usage: this.usage, ...metadata, ...native };
  }
}

/**
 * A reasoning block as a content part. The issuer says whose proof the signature is; without it a dialect would
 * hand one provider's proof to another. Redacted thinking's data travels as the signature of a text-less part.
 */
export function reasoningPart(text: string, metadata: ReasoningMetadata | undefined): ReasoningPart {
  if (metadata?.redactedData !== undefined)
    return { type: 'reasoning', text, signature: metadata.redactedData, issuer: REDACTED_THINKING };
  if (metadata?.signature === undefined) return { type: 'reasoning', text };
  return metadata.issuer === undefined
    ? { type: 'reasoning', text, signature: metadata.signature }
    : { type: 'reasoning', text, signature: metadata.signature, issuer: metadata.issuer };
}
