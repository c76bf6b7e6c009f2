/**
 * A source an answer's text cites: Anthropic's `citations` on a text block, OpenAI's `annotations` on an
 * `output_text` part. Answer metadata, never part of a request: it rides on the text part it belongs to
 * (TextMetadata on `text-end`, `citations` on the folded TextPart), so a streamed answer and the same answer
 * non-streamed carry the same citations. The client of the upstream's own API gets `native` verbatim; another
 * dialect gets `url`, translated to its own URL citation where it has one (Responses `url_citation`, Chat
 * `message.annotations`), and nothing otherwise. Nothing is made up the other way: Anthropic's citation types
 * need fields OpenAI never gives (a search result's `encrypted_index`, the cited text), so an OpenAI citation
 * never becomes an Anthropic one.
 */
export interface Citation {
  /** The upstream API whose shape `native` is. */
  readonly dialect: CitationDialect;
  /** The citation as the upstream sent it; a span in it counts within this text part. */
  readonly native: Readonly<Record<string, unknown>>;
  /** The web page it cites, when it cites one (a search result location, a `url_citation`). */
  readonly url?: UrlSource;
}

export type CitationDialect = 'anthropic-messages' | 'openai-responses';

export interface UrlSource {
  readonly url: string;
  readonly title?: string;
  /** The cited characters of the text part, end exclusive; without one the whole part cites the page. */
  readonly span?: TextSpan;
}

export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** What a text part carries besides its text, known at its end (stream-part.ts `text-end`). */
export interface TextMetadata {
  readonly citations?: readonly Citation[];
}

/** The span a URL citation covers in a text part of `length` characters: its own, or the whole part. */
export function citedSpan(source: UrlSource, length: number): TextSpan {
  return source.span ?? { start: 0, end: length };
}
