import type { ModelTarget } from '../canonical/request.ts';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import type { Provider } from '../providers/provider.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { ModelRefError, parseModelRef } from './model-ref.ts';

export interface ResolvedModel {
  readonly provider: Provider;
  readonly target: ModelTarget;
  /** Raw `model(value)` suffix text, kept for thinking validation (issue 4). */
  readonly thinkingSuffix: string | undefined;
}

function notFound(raw: string, registry: ProviderRegistry): ApiError {
  const names = registry.names();
  const example = registry.all()[0]?.models()[0];
  const hint = example === undefined ? '' : ` Use provider/model, e.g. "${names[0]}/${example.id}".`;
  return new ApiError({
    ...catalogued('model_not_found'),
    param: 'model',
    message: `The model "${raw}" does not exist or no configured provider serves it. Available providers: ${names.join(', ') || '(none)'}.${hint}`,
  });
}

/**
 * Finds the provider for a client's model string: `provider/model` pins one provider (which must serve
 * the model), a bare model goes to the first provider that serves it. Unknown → 404 `model_not_found`
 * naming the available providers (upstream answered 502).
 */
export function resolveModel(raw: string, registry: ProviderRegistry): ResolvedModel {
  let ref;
  try {
    ref = parseModelRef(raw);
  } catch (error) {
    if (error instanceof ModelRefError) {
      throw new ApiError({ ...catalogued('invalid_model'), param: 'model', message: error.message });
    }
    throw error;
  }
  const pinned = ref.provider === undefined ? undefined : registry.get(ref.provider);
  // A prefix that names no provider may belong to the model's own name (e.g. `org/model`).
  const model =
    pinned === undefined && ref.provider !== undefined ? `${ref.provider}/${ref.model}` : ref.model;
  const provider = pinned === undefined ? registry.findServing(model) : pinned;
  if (provider?.supportsModel(model) !== true) throw notFound(raw, registry);
  return {
    provider,
    target: { requested: raw, provider: provider.name, model },
    thinkingSuffix: ref.thinkingSuffix,
  };
}
