import type { Citation } from '../../canonical/citation.ts';
import { asArray, asNumber, asObject, asString, type JsonObject } from '../shared/json.ts';
import { openAiCitation } from '../shared/openai-citation.ts';

/**
 * The position fields of OpenAI's annotation types, each counted in its `output_text` part's text. `index` is one
 * only on a `file_citation`: on a `file_path` it is the file's place in the list of files, not a text position.
 */
const POSITION_FIELDS = ['start_index', 'end_index'] as const;

/**
 * A message item's citations: the `annotations` of its content parts (`url_citation`, `file_citation`,
 * `container_file_citation`, `file_path`), kept whole for a Responses client. The canonical text part is the
 * item's parts joined, so a position in a later part moves by the text before it (unchanged in the usual
 * one-part message).
 */
export function messageCitations(item: JsonObject): Citation[] {
  const citations: Citation[] = [];
  let offset = 0;
  for (const raw of asArray(item['content'])) {
    const part = asObject(raw);
    for (const annotation of asArray(part?.['annotations'])) {
      const json = asObject(annotation);
      if (json !== undefined) citations.push(openAiCitation(shifted(json, offset)));
    }
    offset += (asString(part?.['text']) ?? asString(part?.['refusal']) ?? '').length;
  }
  return citations;
}

function shifted(annotation: JsonObject, offset: number): JsonObject {
  if (offset === 0) return annotation;
  const moved: Record<string, unknown> = { ...annotation };
  const fields = annotation['type'] === 'file_citation' ? [...POSITION_FIELDS, 'index'] : POSITION_FIELDS;
  for (const field of fields) {
    const position = asNumber(annotation[field]);
    if (position !== undefined) moved[field] = position + offset;
  }
  return moved;
}
