import { catalogued } from '../../errors/catalogue.ts';
import { ApiError } from '../../http/api-error.ts';

/**
 * A 400 for something the client asked for that the provider cannot do. Adapters throw it rather than
 * dropping the feature, so the client learns at once instead of getting a silently different answer.
 */
export function unsupportedFeature(provider: string, feature: string, param?: string): ApiError {
  return new ApiError({
    ...catalogued('unsupported_feature'),
    message: `Provider "${provider}" does not support ${feature}. Remove it from the request or route the model to a provider that supports it.`,
    ...(param === undefined ? {} : { param }),
  });
}

/** Another provider's compacted conversation (canonical CompactionPart) is opaque here: refused, never dropped. */
export function unreadableCompaction(provider: string): ApiError {
  return unsupportedFeature(
    provider,
    "an OpenAI `compaction` item (opaque state only OpenAI's Responses API can read; compact the conversation through Switchyard with this model instead)",
    'input',
  );
}
