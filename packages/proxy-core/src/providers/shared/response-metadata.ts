import type { ResponseMetadataPart } from '../../canonical/stream-part.ts';
import { asString, type JsonObject } from './json.ts';

/**
 * Who really answered, from an upstream object that names its model and id under these keys (Anthropic's
 * `message`, a `chat.completion` or its chunk, a Responses `response`).
 */
export function responseMetadata(
  body: JsonObject | undefined,
  modelKey = 'model',
  idKey = 'id',
): ResponseMetadataPart {
  const modelId = asString(body?.[modelKey]);
  const id = asString(body?.[idKey]);
  return {
    type: 'response-metadata',
    ...(modelId === undefined ? {} : { modelId }),
    ...(id === undefined ? {} : { id }),
  };
}
