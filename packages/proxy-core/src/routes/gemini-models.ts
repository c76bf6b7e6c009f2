/**
 * GET /v1beta/models and GET /v1beta/models/{model}: the catalog /v1/models lists, in Google's shape. Names are
 * `models/` + the provider-qualified id (`models/openai/gpt-4o`), which is also what a Gemini client posts back;
 * a single model is found with or without the `models/` prefix, slash raw or encoded. Every listed model serves
 * the three Gemini methods, whichever provider it belongs to.
 */
import type { FastifyInstance } from 'fastify';
import { GEMINI_METHODS, geminiModelId } from '../dialects/gemini/action.ts';
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import type { ListedModel, ModelCatalog } from '../model-plane/contract.ts';

export interface GeminiModel {
  readonly name: string;
  readonly baseModelId: string;
  readonly displayName: string;
  readonly description: string;
  readonly supportedGenerationMethods: readonly string[];
}

export function geminiModel(model: ListedModel): GeminiModel {
  return {
    name: `models/${model.id}`,
    baseModelId: model.id,
    displayName: model.displayName,
    description: `${model.displayName}, served by the ${model.provider} provider through Switchyard.`,
    supportedGenerationMethods: [...GEMINI_METHODS],
  };
}

export function registerGeminiModelRoutes(app: FastifyInstance, catalog: ModelCatalog): void {
  app.get('/v1beta/models', () => ({ models: catalog.listModels().map(geminiModel) }));
  app.get('/v1beta/models/*', (request) => {
    const id = geminiModelId((request.params as Record<string, string>)['*'] ?? '');
    const model = catalog.listModels().find((listed) => listed.id === id);
    if (model === undefined) {
      throw new ApiError({
        ...catalogued('model_not_found'),
        param: 'model',
        message: `Model "models/${id}" is not listed. GET /v1beta/models lists every model, as models/provider/model.`,
      });
    }
    return geminiModel(model);
  });
}
