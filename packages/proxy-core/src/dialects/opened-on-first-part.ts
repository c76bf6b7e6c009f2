import type { ResponseMetadataPart, StreamPart, StreamStartPart } from '../canonical/stream-part.ts';
import type { OutboundEvent, StreamEncoder } from '../streaming/outbound.ts';

/**
 * A stream encoder whose opening frame (Chat's role chunk, `response.created`, `message_start`) waits for the first
 * part after `stream-start`, so that it can name the model that really answered: the upstream's response metadata
 * follows the start and is taken in until the stream opens, never after (every frame names the same model).
 */
export abstract class OpenedOnFirstPart implements StreamEncoder {
  private opened = false;

  encode(part: StreamPart): readonly OutboundEvent[] {
    if (part.type === 'stream-start') {
      this.started(part);
      return [];
    }
    if (part.type === 'response-metadata') {
      if (!this.opened) this.answeredBy(part);
      return [];
    }
    return [...this.open(), ...this.encodePart(part)];
  }

  /** The opening frames the first time, nothing after. */
  protected open(): readonly OutboundEvent[] {
    if (this.opened) return [];
    this.opened = true;
    return this.opening();
  }

  protected get isOpen(): boolean {
    return this.opened;
  }

  /** What the start says (usage known up front); nothing by default. */
  protected started(_part: StreamStartPart): void {
    return;
  }

  protected abstract answeredBy(metadata: ResponseMetadataPart): void;
  protected abstract opening(): readonly OutboundEvent[];
  protected abstract encodePart(part: StreamPart): readonly OutboundEvent[];
}
