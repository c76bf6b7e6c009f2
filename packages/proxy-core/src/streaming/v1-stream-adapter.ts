/**
 * Decoders that still yield the first canonical stream (canonical/stream-event.ts) reach the v2 encoders
 * (canonical/stream-part.ts) through this, until they emit v2 themselves (Anthropic's do; v2 parts pass through
 * untouched). v1's own rules: a text or reasoning block lasts while its kind of event does, a reasoning signature closes its
 * block (a signature with no reasoning before it is a block of its own, Anthropic's redacted thinking one with
 * its data up front), tool calls are addressed by index and closed by anything that is not a tool-call event.
 */
import { REDACTED_THINKING } from '../canonical/content.ts';
import type { CanonicalStreamEvent, DecodedEvent } from '../canonical/stream-event.ts';
import type { StreamPart } from '../canonical/stream-part.ts';

export class V1StreamAdapter {
  private block: { readonly kind: 'text' | 'reasoning'; readonly id: string } | undefined;
  private readonly openCalls = new Set<string>();
  private blocks = 0;

  push(event: DecodedEvent): StreamPart[] {
    const out: StreamPart[] = [];
    switch (event.type) {
      case 'stream-start':
      case 'response-metadata':
      case 'text-start':
      case 'text-delta':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-delta':
      case 'reasoning-end':
      case 'tool-input-start':
      case 'tool-input-delta':
      case 'tool-input-end':
      case 'tool-call':
        out.push(event); // a decoder that speaks v2 already
        break;
      case 'start': {
        const { inputTokens, cachedInputTokens, cacheWriteInputTokens } = event;
        const usage =
          inputTokens === undefined
            ? undefined
            : {
                inputTokens,
                outputTokens: 0,
                ...(cachedInputTokens === undefined ? {} : { cachedInputTokens }),
                ...(cacheWriteInputTokens === undefined ? {} : { cacheWriteInputTokens }),
              };
        out.push({ type: 'stream-start', warnings: [], ...(usage === undefined ? {} : { usage }) });
        break;
      }
      case 'text_delta':
        out.push({ type: 'text-delta', id: this.ensureBlock('text', out), delta: event.text });
        break;
      case 'reasoning_delta':
        out.push({ type: 'reasoning-delta', id: this.ensureBlock('reasoning', out), delta: event.text });
        break;
      case 'reasoning_signature':
        this.sign(event, out);
        break;
      case 'tool_call_start': {
        this.closeBlock(out);
        const id = `tool-${event.index}`;
        this.openCalls.add(id);
        out.push({ type: 'tool-input-start', id, toolCallId: event.id, toolName: event.name });
        break;
      }
      case 'tool_call_delta':
        out.push({ type: 'tool-input-delta', id: `tool-${event.index}`, delta: event.argumentsDelta });
        break;
      case 'usage':
        out.push(event);
        break;
      case 'finish':
        this.closeBlock(out);
        this.closeCalls(out);
        out.push(event);
        break;
      case 'error':
        out.push(event);
        break;
    }
    return out;
  }

  private ensureBlock(kind: 'text' | 'reasoning', out: StreamPart[]): string {
    if (this.block?.kind === kind) return this.block.id;
    this.closeBlock(out);
    this.closeCalls(out);
    this.blocks += 1;
    const id = `${kind}-${this.blocks}`;
    this.block = { kind, id };
    out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id });
    return id;
  }

  private sign(
    event: Extract<CanonicalStreamEvent, { type: 'reasoning_signature' }>,
    out: StreamPart[],
  ): void {
    if (event.issuer === REDACTED_THINKING) {
      this.closeBlock(out);
      this.closeCalls(out);
      this.blocks += 1;
      const id = `reasoning-${this.blocks}`;
      out.push({ type: 'reasoning-start', id, metadata: { redactedData: event.signature } });
      out.push({ type: 'reasoning-end', id });
      return;
    }
    const id = this.ensureBlock('reasoning', out);
    this.block = undefined;
    const { issuer } = event;
    const issued = issuer === undefined || issuer === 'anthropic-redacted' ? {} : { issuer };
    out.push({ type: 'reasoning-end', id, metadata: { signature: event.signature, ...issued } });
  }

  private closeBlock(out: StreamPart[]): void {
    const { block } = this;
    if (block === undefined) return;
    this.block = undefined;
    out.push({ type: block.kind === 'text' ? 'text-end' : 'reasoning-end', id: block.id });
  }

  private closeCalls(out: StreamPart[]): void {
    for (const id of this.openCalls) out.push({ type: 'tool-input-end', id });
    this.openCalls.clear();
  }
}

export async function* v2FromV1(events: AsyncIterable<DecodedEvent>): AsyncGenerator<StreamPart> {
  const adapter = new V1StreamAdapter();
  for await (const event of events) yield* adapter.push(event);
}

/** A whole v1 stream as v2 parts, for tests that script v1 events. */
export function partsFromV1(events: Iterable<DecodedEvent>): StreamPart[] {
  const adapter = new V1StreamAdapter();
  return [...events].flatMap((event) => adapter.push(event));
}
