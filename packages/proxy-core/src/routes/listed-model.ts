import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import type { ListedModel, ModelCatalog } from '../model-plane/contract.ts';

/**
 * The listed model `id` names, for the single-model routes of every shape; an unlisted one is a 404 that says
 * where the list is (`listHint`: the list route and how it names models).
 */
export function findListedModel(catalog: ModelCatalog, id: string, listHint: string): ListedModel {
  const model = catalog.listModels().find((listed) => listed.id === id);
  if (model === undefined) {
    throw new ApiError({
      ...catalogued('model_not_found'),
      param: 'model',
      message: `Model "${id}" is not listed. ${listHint}`,
    });
  }
  return model;
}
