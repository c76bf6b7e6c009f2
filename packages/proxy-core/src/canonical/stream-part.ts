import type { Citation, TextMetadata } from './citation.ts';
import type { ReasoningIssuer } from './content.ts';
import type { FinishReason } from './finish-reason.ts';
import type { Usage } from './usage.ts';
import type { ApiErrorSpec } from '../http/api-error.ts';

/**
 * The canonical stream, version 2: what dialect encoders consume, one part at a time. Every piece of content is
 * a part with an id and explicit `-start`, `-delta`s and `-end`, so no encoder infers block boundaries from
 * "the kind of event changed" and parts may interleave (parallel tool calls addressed by id). The contract —
 * `stream-start` first, a part opened before its deltas and closed once, ids unique, one terminal part last — is
 * enforced by one normaliser (streaming/stream-normaliser.ts); encoders map what it hands them and check nothing.
 * The shape follows the Vercel AI SDK's LanguageModelV2StreamPart, with what a proxy needs on top (cumulative
 * usage, the raw upstream finish reason, reasoning proofs that must reach the client unchanged).
 *
 * Per-part metadata rides on a part's end, where all of it is known: a reasoning block's proof (ReasoningMetadata)
 * and a text block's citations (TextMetadata, canonical/citation.ts). A decoder whose upstream streams them piece
 * by piece (Anthropic's `signature_delta` and `citations_delta`, OpenAI's `response.output_text.annotation.added`)
 * collects them and hands them over at the end; an encoder whose client expects them as events emits them there,
 * before the block closes, so the client's accumulated answer equals the non-streamed one.
 */

/** A change the proxy made to what the client asked (today: thinking, also named in `x-switchyard-thinking-adjusted`). */
export interface StreamWarning {
  readonly type: 'thinking-adjusted';
  readonly adjustment: 'converted' | 'clamped' | 'defaulted';
  readonly message: string;
}

export interface StreamStartPart {
  readonly type: 'stream-start';
  readonly warnings: readonly StreamWarning[];
  /** Usage known before any content (Anthropic's message_start reports the prompt, cache reads and writes apart). */
  readonly usage?: Usage;
}

/** Who really answered: the upstream's own model id (a dated snapshot, say) and its response id. */
export interface ResponseMetadataPart {
  readonly type: 'response-metadata';
  readonly modelId?: string;
  readonly id?: string;
}

export interface TextStartPart {
  readonly type: 'text-start';
  readonly id: string;
}

export interface TextDeltaPart {
  readonly type: 'text-delta';
  readonly id: string;
  readonly delta: string;
}

export interface TextEndPart {
  readonly type: 'text-end';
  readonly id: string;
  /** The sources the text cites, all of them (see the file's comment). */
  readonly metadata?: TextMetadata;
}

/**
 * What a reasoning block carries besides its text, to be handed back unchanged on the next turn: Anthropic's
 * thinking `signature` (known at the block's end), the encrypted `redactedData` of a `redacted_thinking` block
 * (known at its start; there is no text), and whose proof a signature is when it is not Anthropic's (`issuer`,
 * see ReasoningPart.issuer).
 */
export interface ReasoningMetadata {
  readonly signature?: string;
  readonly issuer?: Exclude<ReasoningIssuer, 'anthropic-redacted'>;
  readonly redactedData?: string;
}

export interface ReasoningStartPart {
  readonly type: 'reasoning-start';
  readonly id: string;
  readonly metadata?: ReasoningMetadata;
}

export interface ReasoningDeltaPart {
  readonly type: 'reasoning-delta';
  readonly id: string;
  readonly delta: string;
}

export interface ReasoningEndPart {
  readonly type: 'reasoning-end';
  readonly id: string;
  /** After the normaliser: everything known of the block, its start's metadata included. */
  readonly metadata?: ReasoningMetadata;
}

/** Opens the streamed input of one tool call; `id` addresses the part, `toolCallId` is the call's own id. */
export interface ToolInputStartPart {
  readonly type: 'tool-input-start';
  readonly id: string;
  readonly toolCallId: string;
  readonly toolName: string;
}

export interface ToolInputDeltaPart {
  readonly type: 'tool-input-delta';
  readonly id: string;
  /** A fragment of the arguments JSON text. */
  readonly delta: string;
}

export interface ToolInputEndPart {
  readonly type: 'tool-input-end';
  readonly id: string;
}

/** The complete call, right after its `tool-input-end` (the normaliser adds it when a decoder does not). */
export interface ToolCallPart {
  readonly type: 'tool-call';
  readonly id: string;
  readonly toolCallId: string;
  readonly toolName: string;
  /** The whole arguments JSON text. */
  readonly input: string;
}

/** The client dialects whose upstream API has answer items the canonical parts do not model. */
export type NativeItemDialect = 'openai-responses' | 'anthropic-messages';

/**
 * Something an upstream answered that the canonical parts do not model, kept for a client that speaks the
 * upstream's own API. Only the encoder of `dialect` emits it; every other dialect leaves it out (its client never
 * asked for the tool that made it: the request dropped it and named it in `x-switchyard-dropped`). It has no part
 * id: the upstream's items are sequential, and the normaliser passes it through in place. What `event` holds:
 *
 * - `openai-responses`: one event of a hosted tool's output item (`web_search_call`, `code_interpreter_call`,
 *   `mcp_call`, …) as the upstream sent it — `response.output_item.added` / `.done` and the per-tool events
 *   (`response.web_search_call.searching`, …); the encoder renumbers `output_index` and `sequence_number`. A
 *   non-streamed answer yields one `response.output_item.done` per item.
 * - `anthropic-messages`: `{ block }`, one complete content block the parts do not model (`server_tool_use`,
 *   `web_search_tool_result`, `mcp_tool_result`, …) as Anthropic would have sent it non-streamed; a streamed
 *   block is buffered to its `content_block_stop` first. The encoder gives it the client's block index.
 */
export interface NativeItemPart {
  readonly type: 'native-item';
  readonly dialect: NativeItemDialect;
  /** The upstream's event (openai-responses) or `{ block }` (anthropic-messages), as described above. */
  readonly event: Readonly<Record<string, unknown>>;
}

/** Cumulative usage so far (not an increment). */
export interface UsagePart {
  readonly type: 'usage';
  readonly usage: Usage;
}

export interface FinishPart {
  readonly type: 'finish';
  readonly reason: FinishReason;
  /** The upstream's own word for it (`end_turn`, `MAX_TOKENS`, `tool_calls`), when it said one. */
  readonly rawReason?: string;
  readonly usage: Usage;
}

/** The upstream failed after the stream started (e.g. an overloaded error inside a 200 stream). */
export interface ErrorPart {
  readonly type: 'error';
  readonly error: ApiErrorSpec;
}

export type TextPartEvent = TextStartPart | TextDeltaPart | TextEndPart;
export type ReasoningPartEvent = ReasoningStartPart | ReasoningDeltaPart | ReasoningEndPart;
export type ToolInputPartEvent = ToolInputStartPart | ToolInputDeltaPart | ToolInputEndPart;

/** Parts that carry the answer itself, addressed by id. */
export type ContentStreamPart = TextPartEvent | ReasoningPartEvent | ToolInputPartEvent | ToolCallPart;

export type StreamPart =
  | StreamStartPart
  | ResponseMetadataPart
  | ContentStreamPart
  | NativeItemPart
  | UsagePart
  | FinishPart
  | ErrorPart;

export type TerminalPart = FinishPart | ErrorPart;

/** A text part's end, carrying its citations when it has any (an empty list says nothing). */
export function textEndPart(id: string, citations: readonly Citation[] = []): TextEndPart {
  return citations.length === 0
    ? { type: 'text-end', id }
    : { type: 'text-end', id, metadata: { citations } };
}

export function isTerminalPart(part: StreamPart): part is TerminalPart {
  return part.type === 'finish' || part.type === 'error';
}

/**
 * Parts that count as the first token for time-to-first-token and the first-token deadline: anything the model
 * said. Opening an empty text or reasoning block is not yet saying anything.
 */
export function isContentPart(part: StreamPart): part is ContentStreamPart | NativeItemPart {
  switch (part.type) {
    case 'native-item':
    case 'text-delta':
    case 'text-end':
    case 'reasoning-delta':
    case 'reasoning-end':
    case 'tool-input-start':
    case 'tool-input-delta':
    case 'tool-input-end':
    case 'tool-call':
      return true;
    case 'reasoning-start':
      return part.metadata?.redactedData !== undefined;
    default:
      return false;
  }
}
