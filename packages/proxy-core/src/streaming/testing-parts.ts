import { ResponseAccumulator, type CanonicalResponse } from '../canonical/response.ts';
import type { DecodedEvent } from '../canonical/stream-event.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import { normalise } from './stream-normaliser.ts';
import { partsFromV1 } from './v1-stream-adapter.ts';

/** Scripted v1 events (or v2 parts) as the normalised parts a model call hands its encoder (tests only). */
export function encoderInput(events: Iterable<DecodedEvent>): StreamPart[] {
  return normalise(partsFromV1(events), { sequential: true });
}

/** A decoded stream folded into the answer a non-streaming client gets (tests only). */
export function folded(events: Iterable<DecodedEvent>): CanonicalResponse | undefined {
  const accumulator = new ResponseAccumulator();
  for (const part of encoderInput(events)) accumulator.add(part);
  return accumulator.result();
}
