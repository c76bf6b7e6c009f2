import type { CacheBreakpoint, CanonicalMessage, TextPart } from './content.ts';
import type { ValidatedThinking } from '../thinking/types.ts';

/** The client dialect a request arrived in; thinking rules (issue 4) depend on the source format. */
export type SourceDialect = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';

export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly strict?: boolean;
  /** A prompt-cache breakpoint after the tool list up to this tool (Anthropic `cache_control`). */
  readonly cache?: CacheBreakpoint;
}

export interface NativeTools {
  readonly dialect: SourceDialect;
  readonly tools: readonly Readonly<Record<string, unknown>>[];
}

/**
 * Top-level fields (and client headers) of the client's body that the canonical request does not carry, kept
 * verbatim for an upstream that speaks the client's own API (e.g. Messages `context_management`,
 * `output_config`, the `anthropic-beta` header, to Anthropic). Other providers drop them as hints, reported in
 * `x-switchyard-dropped`, or refuse the request when dropping one would change the answer (field-policy.ts).
 */
export interface NativeFields {
  readonly dialect: SourceDialect;
  readonly fields: Readonly<Record<string, unknown>>;
  /** The fields among them whose loss would change the answer (the dialect's field policy decides). */
  readonly semantic?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

export type ToolChoice =
  | { readonly type: 'auto' }
  | { readonly type: 'none' }
  | { readonly type: 'required' }
  | { readonly type: 'tool'; readonly name: string };

/**
 * Thinking as the client asked for it, unvalidated. The `model(value)` suffix overrides body fields;
 * issue 4's validator turns this into a provider setting.
 */
export interface ThinkingRequest {
  /** Raw text of the `model(value)` suffix. */
  readonly suffix?: string;
  /** A level from the body: chat `reasoning_effort`, Responses `reasoning.effort`, Gemini `thinkingLevel`. */
  readonly effort?: string;
  /** A budget from the body: Anthropic `thinking.budget_tokens`, Gemini `thinkingBudget` (0 off, −1 dynamic). */
  readonly budgetTokens?: number;
  /** Anthropic `thinking.type: "disabled"`. */
  readonly disabled?: boolean;
  /**
   * Anthropic `thinking.type: "adaptive"`: the model decides whether to think. A model that cannot think has
   * decided — no thinking, reported as an adjustment — rather than a 400 (Claude Code sends it by default).
   */
  readonly adaptive?: boolean;
  /**
   * Anthropic `thinking.display`: `summarized` (thinking text comes back), `omitted` (only its signature; Opus 4.7's
   * default), `updates` (a beta). Claude Code sets it; a Claude upstream gets it on whatever thinking it is sent,
   * verbatim; other providers have no such switch.
   */
  readonly display?: string;
  /**
   * OpenAI Responses `reasoning.summary` (`auto`, `concise`, `detailed`): the Responses API gets it back, a Claude
   * upstream reads it as `display: "summarized"`.
   */
  readonly summary?: string;
}

/** The model after alias and suffix resolution. */
export interface ModelTarget {
  /** What the client wrote, echoed back in responses. */
  readonly requested: string;
  readonly provider: string;
  /** The provider's own model name (no prefix, no suffix). */
  readonly model: string;
}

export interface CanonicalRequest {
  readonly dialect: SourceDialect;
  readonly target: ModelTarget;
  /** System and developer instructions in order, as text parts (each may carry a cache breakpoint). */
  readonly system: readonly TextPart[];
  readonly messages: readonly CanonicalMessage[];
  readonly tools: readonly ToolDefinition[];
  /**
   * The client's tool list exactly as sent, for an upstream that speaks the client's own API: it gets these
   * instead of `tools` (pass-through), tool types no translation carries included.
   */
  readonly nativeTools?: NativeTools;
  /** Client tools `tools` leaves out (hosted tools only the client's own API runs): dropped hints, reported. */
  readonly hintTools?: readonly string[];
  readonly nativeFields?: NativeFields;
  readonly toolChoice?: ToolChoice;
  readonly parallelToolCalls?: boolean;
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences: readonly string[];
  readonly thinking?: ThinkingRequest;
  /**
   * `thinking` after validation against the target model (set by prepare-call, issue 4); provider
   * adapters render it in their own fields. Absent when nothing was asked or the model cannot think.
   */
  readonly thinkingSetting?: ValidatedThinking;
  readonly stream: boolean;
  /** Opaque client metadata (Responses/Anthropic `metadata`); never used for routing. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** What a dialect decoder produces before the model is resolved. */
export type DecodedRequest = Omit<CanonicalRequest, 'target'> & { readonly model: string };
