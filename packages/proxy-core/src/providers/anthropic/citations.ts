import type { Citation } from '../../canonical/citation.ts';
import { asArray, asObject, asString, type JsonObject } from '../shared/json.ts';

/**
 * One of Anthropic's citations (`char_location`, `page_location`, `content_block_location`,
 * `search_result_location`, `web_search_result_location`), kept whole for a Messages client. Only a web search
 * result names a page another dialect can cite; it cites the whole text block it sits on.
 */
export function anthropicCitation(citation: JsonObject): Citation {
  const url = asString(citation['url']);
  if (asString(citation['type']) !== 'web_search_result_location' || url === undefined)
    return { dialect: 'anthropic-messages', native: citation };
  const title = asString(citation['title']);
  return {
    dialect: 'anthropic-messages',
    native: citation,
    url: { url, ...(title === undefined ? {} : { title }) },
  };
}

/** A text block's `citations` (absent or `null` when it cites nothing). */
export function anthropicCitations(value: unknown): Citation[] {
  return asArray(value).flatMap((raw) => {
    const citation = asObject(raw);
    return citation === undefined ? [] : [anthropicCitation(citation)];
  });
}
