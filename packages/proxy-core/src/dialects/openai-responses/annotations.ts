import { citedSpan, type Citation } from '../../canonical/citation.ts';

type Annotation = Readonly<Record<string, unknown>>;

/**
 * The `annotations` of an `output_text` part: OpenAI's own as the upstream sent them; another upstream's citation
 * of a web page (Anthropic's web search result location) as a `url_citation` over the span it cites — with
 * Anthropic, the whole text block, which is this part's whole text. Citations of anything else (a document's
 * characters or pages) have no Responses shape and are left out.
 */
export function responsesAnnotations(citations: readonly Citation[] | undefined, text: string): Annotation[] {
  return (citations ?? []).flatMap((citation): Annotation[] => {
    if (citation.dialect === 'openai-responses') return [citation.native];
    if (citation.url === undefined) return [];
    const { start, end } = citedSpan(citation.url, text.length);
    const title = citation.url.title ?? '';
    return [{ type: 'url_citation', url: citation.url.url, title, start_index: start, end_index: end }];
  });
}
