import type { Citation } from './citation.ts';

/**
 * Content of canonical messages. Every dialect decodes into these parts and every provider adapter
 * encodes from them, so a part kind exists here only when at least one dialect can express it.
 */
/**
 * A prompt-cache breakpoint the client placed after this part (Anthropic's `cache_control`): the provider may
 * cache the prompt up to here. Carried to providers with explicit breakpoints (Anthropic; Qwen's explicit cache on
 * system and user text); providers that cache by prefix on their own (OpenAI, Kimi, DeepSeek, Gemini's implicit
 * cache) need nothing and get nothing.
 */
export interface CacheBreakpoint {
  /** Anthropic's `ttl` (`5m` default, `1h`), kept as sent. */
  readonly ttl?: string;
}

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
  readonly cache?: CacheBreakpoint;
  /** Only in an answer: the sources this text cites (citation.ts). */
  readonly citations?: readonly Citation[];
}

/**
 * How closely the model should look at an image (OpenAI's `detail`): sent to the OpenAI APIs and the compatible
 * family; providers without the knob (Anthropic, Gemini) read every image at their own resolution.
 */
export type ImageDetail = 'low' | 'high' | 'auto';

/** An image either by URL (http(s) or data:) or as inline base64 with its media type. */
export type ImagePart = (
  | { readonly type: 'image'; readonly source: 'url'; readonly url: string }
  | { readonly type: 'image'; readonly source: 'base64'; readonly mediaType: string; readonly data: string }
) & { readonly detail?: ImageDetail };

/** A call the assistant made; `arguments` stays the JSON text the model produced (it may be partial upstream). */
export interface ToolCallPart {
  readonly type: 'tool_call';
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** The caller's answer to a tool call, always carried in a user turn. */
export interface ToolResultPart {
  readonly type: 'tool_result';
  readonly toolCallId: string;
  readonly content: readonly (TextPart | ImagePart)[];
  readonly isError: boolean;
  readonly cache?: CacheBreakpoint;
}

/** Model reasoning, kept so multi-turn conversations can hand it back (Anthropic requires the signature). */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  readonly signature?: string;
  /**
   * Whose proof `signature` is when it is not a thinking signature in Anthropic's sense: `openai` for the
   * Responses API's encrypted reasoning, `gemini` for the thought signature Gemini puts on a function call (it
   * belongs to the call that follows), `anthropic-redacted` for Anthropic's `redacted_thinking` block (`signature`
   * is its encrypted `data`; there is no text). Each provider is handed back only its own kind.
   */
  readonly issuer?: ReasoningIssuer;
}

export type ReasoningIssuer = 'openai' | 'gemini' | 'anthropic-redacted';

/** Anthropic's `redacted_thinking`: reasoning its safety systems encrypted, to be handed back unchanged. */
export const REDACTED_THINKING: ReasoningIssuer = 'anthropic-redacted';

/**
 * A conversation window a provider compacted into opaque state (OpenAI's `compaction` item from
 * `/responses/compact`): only its issuer can read it, so only OpenAI's Responses API gets it back and every other
 * encoder refuses it (a 400 naming it) rather than silently losing the conversation it stands for. Always in a user
 * turn. Switchyard's own compaction is readable text and never becomes one of these (dialects/openai-responses/
 * compaction-token.ts).
 */
export interface CompactionPart {
  readonly type: 'compaction';
  readonly issuer: 'openai';
  readonly encryptedContent: string;
}

/**
 * A client content block no translation carries (Anthropic's `server_tool_use`, `web_search_tool_result`,
 * `document`, `search_result`, …), kept in its place. An upstream that speaks the client's API gets `json`
 * verbatim; any other gets `text`, what the block says, or, when it says nothing in text (a PDF, a code-execution
 * result), a 400 naming `param` rather than a silently shorter conversation (model-plane/native-parts.ts).
 */
export interface NativePart {
  readonly type: 'native';
  readonly dialect: 'anthropic-messages';
  readonly json: Readonly<Record<string, unknown>>;
  /** The block's `type` in the client's body, e.g. `messages[2].content[0].type`. */
  readonly param: string;
  readonly text?: string;
}

export type ContentPart =
  TextPart | ImagePart | ToolCallPart | ToolResultPart | ReasoningPart | CompactionPart | NativePart;

export type Role = 'user' | 'assistant';

/**
 * System and developer text — including a system message in the middle of a conversation (Claude Code sends
 * one) — is lifted into CanonicalRequest.system in order, so only two roles remain.
 */
export interface CanonicalMessage {
  readonly role: Role;
  readonly content: readonly ContentPart[];
}

export function textOf(parts: readonly ContentPart[]): string {
  return parts
    .filter((part): part is TextPart => part.type === 'text')
    .map((part) => part.text)
    .join('');
}
