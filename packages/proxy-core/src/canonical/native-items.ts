import type { NativeItemDialect, NativeItemPart } from './stream-part.ts';

/** A finished native item of a non-streamed answer (NativeItemPart), placed among the answer's output parts. */
export interface NativeOutputItem {
  readonly dialect: NativeItemDialect;
  /** How many `output` parts come before this item. */
  readonly at: number;
  readonly item: Readonly<Record<string, unknown>>;
}

type Json = Readonly<Record<string, unknown>>;

/**
 * The finished item a native part carries, if it carries one: a Responses item's `response.output_item.done`
 * (the events before it only built it up), a Messages block whole.
 */
export function finishedNativeItem(part: NativeItemPart): Json | undefined {
  if (part.dialect === 'anthropic-messages') return objectOf(part.event['block']);
  return part.event['type'] === 'response.output_item.done' ? objectOf(part.event['item']) : undefined;
}

/**
 * `entries` with the native items of `dialect` spliced in at their places; a dialect's encoder of a non-streamed
 * answer uses it to put the upstream's own items among the ones it made from the output parts.
 */
export function withNativeItems<T>(
  entries: readonly T[],
  nativeItems: readonly NativeOutputItem[] | undefined,
  dialect: NativeItemDialect,
  entryOf: (native: NativeOutputItem) => T,
): T[] {
  const placed = [...entries];
  // From the last, so an insertion does not move the places still to fill.
  for (const native of [...(nativeItems ?? [])].reverse()) {
    if (native.dialect === dialect) placed.splice(native.at, 0, entryOf(native));
  }
  return placed;
}

function objectOf(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
