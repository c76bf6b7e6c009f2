import type { DecodedEvent } from '../canonical/stream-event.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import { normalise } from './stream-normaliser.ts';
import { partsFromV1 } from './v1-stream-adapter.ts';

/** Scripted v1 events (or v2 parts) as the normalised parts a model call hands its encoder (tests only). */
export function encoderInput(events: Iterable<DecodedEvent>): StreamPart[] {
  return normalise(partsFromV1(events), { sequential: true });
}
