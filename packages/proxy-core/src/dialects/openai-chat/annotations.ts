import { citedSpan, type Citation } from '../../canonical/citation.ts';

/**
 * Chat's `message.annotations` for one text part that starts `offset` characters into the message content (Chat
 * joins an answer's text parts): every web page cited, from whichever upstream, as a `url_citation`, its span
 * moved by `offset`. Chat has no shape for any other citation, so those are left out.
 */
export function chatAnnotations(
  citations: readonly Citation[] | undefined,
  textLength: number,
  offset: number,
): Readonly<Record<string, unknown>>[] {
  return (citations ?? []).flatMap((citation) => {
    if (citation.url === undefined) return [];
    const { start, end } = citedSpan(citation.url, textLength);
    const urlCitation = {
      url: citation.url.url,
      title: citation.url.title ?? '',
      start_index: offset + start,
      end_index: offset + end,
    };
    return [{ type: 'url_citation', url_citation: urlCitation }];
  });
}
