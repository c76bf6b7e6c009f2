import type { StreamPart } from '../../../canonical/stream-part.ts';
import type { StreamDecoder } from '../http-call.ts';
import { SseParser } from '../sse.ts';

/** A small seeded generator (mulberry32) so a failing random split can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Cuts bytes into random slices of 1..max bytes (so splits land inside lines and UTF-8 sequences). */
export function randomSlices(bytes: Uint8Array, random: () => number, max = 17): Uint8Array[] {
  const slices: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * max);
    slices.push(bytes.subarray(at, at + size));
    at += size;
  }
  return slices;
}

/** Feeds an SSE body to a decoder in random slices, the way a network would, and collects the events. */
export function decodeInSlices(body: string, decoder: StreamDecoder, seed: number): StreamPart[] {
  const parser = new SseParser();
  const events: StreamPart[] = [];
  for (const slice of randomSlices(new TextEncoder().encode(body), seededRandom(seed))) {
    for (const sse of parser.push(slice)) events.push(...decoder.push(sse));
  }
  for (const sse of parser.end()) events.push(...decoder.push(sse));
  events.push(...decoder.end());
  return events;
}
