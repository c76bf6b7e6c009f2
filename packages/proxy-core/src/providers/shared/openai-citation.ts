import type { Citation, TextSpan } from '../../canonical/citation.ts';
import { asNumber, asString, type JsonObject } from './json.ts';

/**
 * One OpenAI annotation in the Responses API's shape (`url_citation`, `file_citation`, …), kept whole for a
 * Responses client; a `url_citation` names a page another dialect can cite, over its own span.
 */
export function openAiCitation(annotation: JsonObject): Citation {
  const url = asString(annotation['url']);
  if (asString(annotation['type']) !== 'url_citation' || url === undefined)
    return { dialect: 'openai-responses', native: annotation };
  const title = asString(annotation['title']);
  return {
    dialect: 'openai-responses',
    native: annotation,
    url: { url, ...(title === undefined ? {} : { title }), ...spanOf(annotation) },
  };
}

function spanOf(annotation: JsonObject): { span?: TextSpan } {
  const start = asNumber(annotation['start_index']);
  const end = asNumber(annotation['end_index']);
  return start === undefined || end === undefined ? {} : { span: { start, end } };
}
