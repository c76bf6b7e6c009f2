import type { ReasoningIssuer } from './content.ts';
import type { FinishReason } from './finish-reason.ts';
import type { Usage } from './usage.ts';
import type { ApiErrorSpec } from '../http/api-error.ts';

/**
 * The canonical stream: what every provider yields and every dialect encoder consumes, one event at a
 * time. Block structure (Anthropic content blocks, Responses output items) is derived by encoders from
 * changes of event kind, so providers never need to know a dialect.
 *
 * A well-formed stream is: `start`, then any content/usage events, then exactly one terminal event
 * (`finish` or `error`). A stream that ends without a terminal event is truncated.
 */
export interface StartEvent {
  readonly type: 'start';
  /** Prompt tokens when known up front (Anthropic's message_start reports them), cache reads and writes included. */
  readonly inputTokens?: number;
  /** Of those, read from the prompt cache, when known up front. */
  readonly cachedInputTokens?: number;
  /** Of those, written to the prompt cache, when known up front. */
  readonly cacheWriteInputTokens?: number;
}

export interface TextDeltaEvent {
  readonly type: 'text_delta';
  readonly text: string;
}

export interface ReasoningDeltaEvent {
  readonly type: 'reasoning_delta';
  readonly text: string;
}

/**
 * The proof that closes a block of reasoning: reasoning after it is a new block (Anthropic signs each thinking
 * block; two adjacent signed blocks must reach a client as two). A signature with no reasoning before it is a
 * block of its own with no text (OpenAI's encrypted reasoning without a summary, Anthropic's redacted thinking).
 */
export interface ReasoningSignatureEvent {
  readonly type: 'reasoning_signature';
  readonly signature: string;
  /** See ReasoningPart.issuer. */
  readonly issuer?: ReasoningIssuer;
}

/** Opens tool call number `index` (0-based, in order of appearance). */
export interface ToolCallStartEvent {
  readonly type: 'tool_call_start';
  readonly index: number;
  readonly id: string;
  readonly name: string;
}

export interface ToolCallDeltaEvent {
  readonly type: 'tool_call_delta';
  readonly index: number;
  /** A fragment of the arguments JSON text. */
  readonly argumentsDelta: string;
}

/** Cumulative usage so far (not an increment). */
export interface UsageEvent {
  readonly type: 'usage';
  readonly usage: Usage;
}

export interface FinishEvent {
  readonly type: 'finish';
  readonly reason: FinishReason;
  readonly usage: Usage;
}

/** The upstream failed after the stream started (e.g. an overloaded error inside a 200 stream). */
export interface ErrorEvent {
  readonly type: 'error';
  readonly error: ApiErrorSpec;
}

export type ContentEvent =
  TextDeltaEvent | ReasoningDeltaEvent | ReasoningSignatureEvent | ToolCallStartEvent | ToolCallDeltaEvent;

/**
 * One event of an upstream output item the canonical stream does not model, kept for a client that speaks the
 * upstream's own API: OpenAI's hosted tools (`web_search_call`, `code_interpreter_call`, `mcp_call`, …) with their
 * `response.output_item.added` / `.done` and per-tool events (`response.web_search_call.searching`, …). Only the
 * encoder of `dialect` emits it, renumbering `output_index` and `sequence_number`; every other dialect leaves it
 * out (its client never asked for the hosted tool: the request dropped it and named it in `x-switchyard-dropped`).
 * A non-streamed answer yields one `response.output_item.done` per item.
 */
export interface NativeItemEvent {
  readonly type: 'native_item_event';
  readonly dialect: 'openai-responses';
  /** The upstream's event as it sent it (`type`, `item` or `item_id`, per-tool fields). */
  readonly event: Readonly<Record<string, unknown>>;
}

export type CanonicalStreamEvent =
  StartEvent | ContentEvent | NativeItemEvent | UsageEvent | FinishEvent | ErrorEvent;

export type TerminalEvent = FinishEvent | ErrorEvent;

export function isTerminal(event: CanonicalStreamEvent): event is TerminalEvent {
  return event.type === 'finish' || event.type === 'error';
}

/** Events that count as the first token for time-to-first-token and the first-token deadline. */
export function isContent(event: CanonicalStreamEvent): event is ContentEvent | NativeItemEvent {
  return (
    event.type === 'text_delta' ||
    event.type === 'reasoning_delta' ||
    event.type === 'reasoning_signature' ||
    event.type === 'tool_call_start' ||
    event.type === 'tool_call_delta' ||
    event.type === 'native_item_event'
  );
}
