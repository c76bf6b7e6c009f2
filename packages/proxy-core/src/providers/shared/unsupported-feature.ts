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

/**
 * A client's own block no translation carries (canonical NativePart) at a provider that does not speak the
 * client's API. The model plane turns such blocks into text or refuses them first (model-plane/native-parts.ts), so
 * this is the encoder's guard against a silent drop, never the usual answer.
 */
export function untranslatedBlock(provider: string, param: string): ApiError {
  return unsupportedFeature(provider, "a content block only the client's own API can read", param);
}
