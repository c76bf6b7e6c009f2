import type { ResponseMetadataPart } from '../../canonical/stream-part.ts';
import { asString, type JsonObject } from '../shared/json.ts';

/** The model that really answered (a dated snapshot, say) and Anthropic's message id, from a `message`. */
export function anthropicResponseMetadata(message: JsonObject | undefined): ResponseMetadataPart {
  const modelId = asString(message?.['model']);
  const id = asString(message?.['id']);
  return {
    type: 'response-metadata',
    ...(modelId === undefined ? {} : { modelId }),
    ...(id === undefined ? {} : { id }),
  };
}
