import type { Citation } from '../../../canonical/citation.ts';
import { asNumber, asObject, asString } from '../json.ts';
import { openAiCitation } from '../openai-citation.ts';

/**
 * Chat's `annotations` (OpenAI's search models: a `url_citation` with the page under `url_citation`) as the
 * citations of the answer's text, each in the Responses API's flat shape: a Responses client takes it as it is,
 * a Chat client gets its own shape back (dialects/openai-chat/annotations.ts). Positions count in the whole
 * content; `shift` moves them into a text block that starts `shift` characters in, and one that cites text before
 * it is left out (never a negative span).
 */
export function chatCitations(annotations: readonly unknown[], shift = 0): Citation[] {
  return annotations.flatMap((raw) => {
    const annotation = asObject(raw);
    const page = asObject(annotation?.['url_citation']);
    if (asString(annotation?.['type']) !== 'url_citation' || page === undefined) return [];
    const start = asNumber(page['start_index']);
    const end = asNumber(page['end_index']);
    // Before the block's start: it cites an earlier text block (reasoning split the content), which has closed.
    if (start !== undefined && start < shift) return [];
    return [
      openAiCitation({
        type: 'url_citation',
        ...page,
        ...(start === undefined ? {} : { start_index: start - shift }),
        ...(end === undefined ? {} : { end_index: end - shift }),
      }),
    ];
  });
}
