import type { CanonicalRequest } from '../canonical/request.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import type { ModelThinking, ThinkingAdjustment, ThinkingFormat } from '../thinking/types.ts';

/** Who asked and on which attempt; reaches every provider call (issue 4 forwards the idempotency key). */
export interface RequestMetadata {
  readonly requestId: string;
  readonly idempotencyKey?: string;
  readonly sessionId?: string;
  /** The client key's principal id, never the key itself. */
  readonly principal?: string;
  /** The model string as the client sent it. */
  readonly requestedModel: string;
  /** 1 for the first try, incremented per retry. */
  readonly attempt: number;
}

export interface StreamOptions {
  /** Aborted on client disconnect, deadline or shutdown; the provider must stop its upstream call. */
  readonly signal: AbortSignal;
  readonly metadata: RequestMetadata;
  /**
   * Called once the connection to the upstream stands (TCP, and TLS for https; at once for a reused keep-alive
   * socket), before the request is answered: it ends the connect deadline, so waiting for the answer — headers
   * included, which an upstream may hold until a non-streamed generation is done — is judged by the first-token
   * and total deadlines. Calling it more than once is harmless. A provider without a network hop (mock) need not
   * call it; its first event ends the connect phase.
   */
  readonly onConnected?: () => void;
}

export interface ProviderModel {
  readonly id: string;
  readonly displayName: string;
  /** Unix seconds. */
  readonly created: number;
}

/**
 * A provider adapter: encodes the canonical request for its upstream and decodes the upstream's
 * answer into canonical parts (stream-part.ts), incrementally. Errors that happen before the first event are thrown
 * as ProviderError (so they can be retried and reported with their real status); errors after that are
 * yielded as an `error` event.
 */
export interface Provider {
  readonly name: string;
  models(): readonly ProviderModel[];
  /** Whether `model` (without provider prefix or suffix) is served; may accept more than `models()` lists. */
  supportsModel(model: string): boolean;
  stream(request: CanonicalRequest, options: StreamOptions): AsyncIterable<StreamPart>;
  /**
   * How this provider would carry thinking for the request (its wire format and the target model's
   * capability), so prepare-call can validate before calling. Absent: thinking is not validated (mock).
   */
  thinkingTarget?(request: CanonicalRequest): ProviderThinkingTarget;
  /**
   * Whether the client's own tool list (`request.nativeTools`) reaches this provider verbatim because it speaks
   * the client's API; then no hosted tool is dropped. Absent: tools are always translated.
   */
  passesThroughTools?(request: CanonicalRequest): boolean;
  /**
   * Whether the client's uncarried fields and headers (`request.nativeFields`) reach this provider verbatim
   * because it speaks the client's API. Absent: they are dropped as hints or refused (field policy).
   */
  passesThroughFields?(request: CanonicalRequest): boolean;
  /**
   * Whether the client's content blocks no translation carries (canonical NativePart: Anthropic's
   * `web_search_tool_result`, `document`, …) reach this provider verbatim, in place, because it speaks the
   * client's API. Absent: they become their text, or are refused (model-plane/native-parts.ts).
   */
  passesThroughBlocks?(request: CanonicalRequest): boolean;
  /**
   * The exact prompt token count from the provider's own counting endpoint (Anthropic `count_tokens`, Gemini
   * `countTokens`). Absent: the provider has none, and the proxy answers a documented estimate
   * (model-plane/count-tokens.ts).
   */
  countTokens?(request: CanonicalRequest, signal: AbortSignal): Promise<number>;
  /**
   * The provider's own compaction of the request's conversation (OpenAI's `POST /responses/compact`), as a call
   * that answers the upstream's JSON as is; undefined when this request cannot use it (OpenAI on Chat
   * Completions). Absent or undefined: the proxy compacts through the model (model-plane/compaction.ts).
   */
  nativeCompaction?(request: CanonicalRequest): ((signal: AbortSignal) => Promise<unknown>) | undefined;
  /**
   * The prepared request rewritten to the provider's own rules that validation cannot know (Anthropic: no
   * temperature but 1 and no forced tool while thinking), with what it dropped and changed, both reported to
   * the client. Absent: the request goes as prepared.
   */
  constrain?(request: CanonicalRequest): ConstrainedRequest;
}

export interface ConstrainedRequest {
  readonly request: CanonicalRequest;
  /** Fields left out, named in `x-switchyard-dropped`. */
  readonly dropped: readonly string[];
  /** Thinking changes, named in `x-switchyard-thinking-adjusted`. */
  readonly thinkingAdjustments: readonly ThinkingAdjustment[];
}

export interface ProviderThinkingTarget {
  readonly format: ThinkingFormat;
  readonly capability: ModelThinking;
}
