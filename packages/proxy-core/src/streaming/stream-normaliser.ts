/**
 * The one place the canonical stream's contract (canonical/stream-part.ts) is enforced, so every dialect encoder
 * can map parts without checking them. Whatever a decoder yields, what leaves here is:
 *
 * - `stream-start` first, exactly once, carrying the call's warnings;
 * - every part opened before its deltas (a text or reasoning delta for a part never opened opens it; a tool
 *   input delta for an unknown call cannot be opened — it has no name — and is dropped), closed at most once,
 *   with an id no other part of the stream had (a decoder reusing a closed id gets a fresh one);
 * - empty deltas dropped; a reasoning part's end carrying all its metadata, its start's included; a text part's
 *   end carrying its citations when it has any (a part closed by `finish` has none: its end never came);
 * - every `tool-input-end` followed by the complete `tool-call` (a decoder that only knows whole calls may yield
 *   just `tool-call`: it is opened, streamed in one delta and closed here);
 * - `finish` closing every part still open first; exactly one terminal part, last; nothing after it.
 *
 * With `sequential` it also serialises interleaved parts for dialects whose blocks cannot overlap (Anthropic
 * content blocks, Responses output items, Gemini parts): the first part opened streams as it comes, a part opened
 * while another is streaming is held — start and deltas, joined — and released when the streaming one ends. So
 * parallel tool calls interleaved by an upstream reach the client as whole calls, the first one live.
 */
import {
  textEndPart,
  type ReasoningMetadata,
  type StreamPart,
  type StreamWarning,
  type ToolCallPart,
} from '../canonical/stream-part.ts';

export interface NormaliserOptions {
  /** Added to the stream's `stream-start` (the thinking adjustments of the target that answers). */
  readonly warnings?: readonly StreamWarning[];
  /** At most one part open at a time (see the file's comment). */
  readonly sequential?: boolean;
}

type PartKind = 'text' | 'reasoning' | 'tool-input';

interface OpenPart {
  readonly kind: PartKind;
  readonly id: string;
  readonly toolCallId?: string;
  readonly toolName?: string;
  input: string;
  metadata?: ReasoningMetadata;
}

function kindOf(type: string): PartKind | undefined {
  if (type.startsWith('text-')) return 'text';
  if (type.startsWith('reasoning-')) return 'reasoning';
  if (type.startsWith('tool-input-')) return 'tool-input';
  return undefined;
}

function mergedMetadata(
  first: ReasoningMetadata | undefined,
  second: ReasoningMetadata | undefined,
): ReasoningMetadata | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return { ...first, ...second };
}

/** Repairs and checks the contract; see the file's comment. */
class ContractKeeper {
  private readonly warnings: readonly StreamWarning[];
  private started = false;
  private terminated = false;
  /** The decoder's id → the id it has in the output (they differ only when a decoder reused an id). */
  private readonly alias = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly open = new Map<string, OpenPart>();

  constructor(warnings: readonly StreamWarning[]) {
    this.warnings = warnings;
  }

  push(part: StreamPart): StreamPart[] {
    if (this.terminated) return [];
    const out: StreamPart[] = [];
    if (!this.started) {
      this.started = true;
      const own = part.type === 'stream-start' ? part : undefined;
      out.push({
        type: 'stream-start',
        warnings: [...this.warnings, ...(own?.warnings ?? [])],
        ...(own?.usage === undefined ? {} : { usage: own.usage }),
      });
      if (own !== undefined) return out;
    }
    switch (part.type) {
      case 'stream-start':
        return out; // a second one says nothing new
      case 'response-metadata':
        if (part.modelId !== undefined || part.id !== undefined) out.push(part); // an empty one says nothing
        return out;
      case 'usage':
      case 'native-item':
        out.push(part);
        return out;
      case 'text-start':
      case 'reasoning-start':
      case 'tool-input-start':
        this.openPart(part, out);
        return out;
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-input-delta':
        this.delta(part, out);
        return out;
      case 'text-end':
      case 'reasoning-end':
      case 'tool-input-end': {
        const open = this.openOf(part.id, kindOf(part.type));
        if (open !== undefined) this.close(open, out, part);
        return out;
      }
      case 'tool-call':
        this.wholeCall(part, out);
        return out;
      case 'finish':
        for (const open of [...this.open.values()]) this.close(open, out);
        out.push(part);
        this.terminated = true;
        return out;
      case 'error':
        // A failed stream leaves its parts open: the dialects mark them incomplete.
        out.push(part);
        this.terminated = true;
        return out;
    }
  }

  private openOf(id: string, kind: PartKind | undefined): OpenPart | undefined {
    const open = this.open.get(this.alias.get(id) ?? id);
    return open?.kind === kind ? open : undefined;
  }

  private openPart(
    part: Extract<StreamPart, { type: 'text-start' | 'reasoning-start' | 'tool-input-start' }>,
    out: StreamPart[],
  ): void {
    if (this.open.has(this.alias.get(part.id) ?? part.id)) return; // opened already
    let id = part.id;
    for (let n = 2; this.used.has(id); n += 1) id = `${part.id}~${n}`;
    this.alias.set(part.id, id);
    this.used.add(id);
    const kind = kindOf(part.type) as PartKind;
    if (part.type === 'tool-input-start') {
      this.open.set(id, { kind, id, toolCallId: part.toolCallId, toolName: part.toolName, input: '' });
    } else {
      const metadata = part.type === 'reasoning-start' ? part.metadata : undefined;
      this.open.set(id, { kind, id, input: '', ...(metadata === undefined ? {} : { metadata }) });
    }
    out.push({ ...part, id });
  }

  private delta(
    part: Extract<StreamPart, { type: 'text-delta' | 'reasoning-delta' | 'tool-input-delta' }>,
    out: StreamPart[],
  ): void {
    if (part.delta === '') return;
    const kind = kindOf(part.type) as PartKind;
    let open = this.openOf(part.id, kind);
    if (open === undefined && kind !== 'tool-input') {
      this.openPart({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: part.id }, out);
      open = this.openOf(part.id, kind);
    }
    if (open === undefined) return; // a tool input never opened: no name to open it with
    open.input += part.delta;
    out.push({ ...part, id: open.id });
  }

  /** A whole call: closes its streamed input when it has one, or streams it here in one piece. */
  private wholeCall(part: ToolCallPart, out: StreamPart[]): void {
    let open = this.openOf(part.id, 'tool-input');
    if (open === undefined) {
      if (this.alias.has(part.id)) return; // its input was closed, and its call with it
      this.openPart(
        { type: 'tool-input-start', id: part.id, toolCallId: part.toolCallId, toolName: part.toolName },
        out,
      );
      open = this.openOf(part.id, 'tool-input');
      if (open === undefined) return;
    }
    // What the streamed deltas lack of the whole input goes out as one last delta.
    if (part.input.startsWith(open.input) && part.input.length > open.input.length) {
      const rest = part.input.slice(open.input.length);
      open.input = part.input;
      out.push({ type: 'tool-input-delta', id: open.id, delta: rest });
    }
    this.close(open, out);
  }

  /** Closes `open`; `end` is the decoder's own end of it, when it sent one. */
  private close(open: OpenPart, out: StreamPart[], end?: StreamPart): void {
    this.open.delete(open.id);
    const { id } = open;
    if (open.kind === 'text') {
      out.push(textEndPart(id, end?.type === 'text-end' ? end.metadata?.citations : undefined));
    } else if (open.kind === 'reasoning') {
      const metadata = mergedMetadata(
        open.metadata,
        end?.type === 'reasoning-end' ? end.metadata : undefined,
      );
      out.push({ type: 'reasoning-end', id, ...(metadata === undefined ? {} : { metadata }) });
    } else {
      out.push({ type: 'tool-input-end', id });
      out.push({
        type: 'tool-call',
        id,
        toolCallId: open.toolCallId ?? id,
        toolName: open.toolName ?? '',
        input: open.input,
      });
    }
  }
}

interface HeldPart {
  readonly id: string;
  readonly parts: StreamPart[];
  ended: boolean;
}

/** The part's last event: `tool-call` for a tool input (it follows its end), the end for the others. */
function isLastOfPart(part: StreamPart): boolean {
  return part.type === 'text-end' || part.type === 'reasoning-end' || part.type === 'tool-call';
}

function idOf(part: StreamPart): string | undefined {
  return 'id' in part && part.type !== 'response-metadata' ? part.id : undefined;
}

/** One part open at a time: the first streams, the others are held and released whole (see the file's comment). */
class Serialiser {
  private streaming: string | undefined;
  private readonly held: HeldPart[] = [];

  push(part: StreamPart): StreamPart[] {
    const id = idOf(part);
    if (id === undefined) {
      // A failed stream never shows the client what was held: its open parts end incomplete as they are.
      if (part.type === 'error') this.held.length = 0;
      return [part];
    }
    if (this.streaming === undefined && this.held.length === 0) this.streaming = id;
    if (id === this.streaming) {
      if (!isLastOfPart(part)) return [part];
      this.streaming = undefined;
      return [part, ...this.release()];
    }
    let held = this.held.find((entry) => entry.id === id);
    if (held === undefined) {
      held = { id, parts: [], ended: false };
      this.held.push(held);
    }
    appendJoined(held.parts, part);
    if (isLastOfPart(part)) held.ended = true;
    return [];
  }

  private release(): StreamPart[] {
    const out: StreamPart[] = [];
    while (this.streaming === undefined) {
      const next = this.held.shift();
      if (next === undefined) break;
      out.push(...next.parts);
      if (!next.ended) this.streaming = next.id;
    }
    return out;
  }
}

/** Adds `part`, joining it onto the previous delta of the same part. */
function appendJoined(parts: StreamPart[], part: StreamPart): void {
  const last = parts.at(-1);
  if (
    last !== undefined &&
    last.type === part.type &&
    (part.type === 'text-delta' || part.type === 'reasoning-delta' || part.type === 'tool-input-delta')
  ) {
    parts[parts.length - 1] = { ...part, delta: (last as typeof part).delta + part.delta };
    return;
  }
  parts.push(part);
}

/** The contract keeper and, for sequential dialects, the serialiser, one part at a time. */
export class StreamNormaliser {
  private readonly keeper: ContractKeeper;
  private readonly serialiser: Serialiser | undefined;

  constructor(options: NormaliserOptions = {}) {
    this.keeper = new ContractKeeper(options.warnings ?? []);
    this.serialiser = options.sequential === true ? new Serialiser() : undefined;
  }

  push(part: StreamPart): StreamPart[] {
    const kept = this.keeper.push(part);
    const { serialiser } = this;
    return serialiser === undefined ? kept : kept.flatMap((each) => serialiser.push(each));
  }
}

export async function* normalisedParts(
  parts: AsyncIterable<StreamPart>,
  options: NormaliserOptions = {},
): AsyncGenerator<StreamPart> {
  const normaliser = new StreamNormaliser(options);
  for await (const part of parts) yield* normaliser.push(part);
}

/** The normalised form of a whole stream, for tests and whole answers. */
export function normalise(parts: Iterable<StreamPart>, options: NormaliserOptions = {}): StreamPart[] {
  const normaliser = new StreamNormaliser(options);
  return [...parts].flatMap((part) => normaliser.push(part));
}
