import type { Citation } from '../../canonical/citation.ts';
import { textEndPart, type ReasoningMetadata, type StreamPart } from '../../canonical/stream-part.ts';

/**
 * For upstreams that send text and reasoning as bare deltas with no blocks of their own (Chat's `content` and
 * `reasoning_content`, Gemini's text and thought parts): a block lasts while its kind of delta does, and a change
 * of kind ends it and opens the next, so `reasoning, text, reasoning` is three parts in order.
 */
export class TextBlocks {
  private open: { readonly kind: 'text' | 'reasoning'; readonly id: string } | undefined;
  private count = 0;

  text(delta: string): StreamPart[] {
    return this.delta('text', delta);
  }

  reasoning(delta: string): StreamPart[] {
    return this.delta('reasoning', delta);
  }

  /**
   * A reasoning proof (Gemini's thought signature): it ends the reasoning block being streamed, or is a block of
   * its own with no text when there is none.
   */
  sign(metadata: ReasoningMetadata): StreamPart[] {
    const out: StreamPart[] = [];
    if (this.open?.kind !== 'reasoning') {
      out.push(...this.close());
      out.push({ type: 'reasoning-start', id: this.next('reasoning').id });
    }
    const id = this.open?.id ?? '';
    this.open = undefined;
    out.push({ type: 'reasoning-end', id, metadata });
    return out;
  }

  /** Ends the block being streamed, if any; a text block with `citations`, when it has them. */
  close(citations: readonly Citation[] = []): StreamPart[] {
    const { open } = this;
    if (open === undefined) return [];
    this.open = undefined;
    return [open.kind === 'text' ? textEndPart(open.id, citations) : { type: 'reasoning-end', id: open.id }];
  }

  private delta(kind: 'text' | 'reasoning', delta: string): StreamPart[] {
    if (delta === '') return [];
    const out: StreamPart[] = [];
    if (this.open?.kind !== kind) {
      out.push(...this.close());
      out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: this.next(kind).id });
    }
    const id = this.open?.id ?? '';
    out.push(kind === 'text' ? { type: 'text-delta', id, delta } : { type: 'reasoning-delta', id, delta });
    return out;
  }

  private next(kind: 'text' | 'reasoning'): { readonly kind: 'text' | 'reasoning'; readonly id: string } {
    this.count += 1;
    this.open = { kind, id: `${kind}-${this.count}` };
    return this.open;
  }
}
