import { ResponseAccumulator, type CanonicalResponse } from '../canonical/response.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import { normalise } from './stream-normaliser.ts';

/** Scripted parts as the normalised parts a model call hands its encoder (tests only). */
export function encoderInput(events: Iterable<StreamPart>): StreamPart[] {
  return normalise(events, { sequential: true });
}

/** A decoded stream folded into the answer a non-streaming client gets (tests only). */
export function folded(events: Iterable<StreamPart>): CanonicalResponse | undefined {
  const accumulator = new ResponseAccumulator();
  for (const part of encoderInput(events)) accumulator.add(part);
  return accumulator.result();
}
