/**
 * GET /v1beta/models and GET /v1beta/models/{model}: the catalog /v1/models lists, in Google's shape (also on
 * /v1/models for a Gemini client, routes/models.ts). Names are `models/` + the provider-qualified id
 * (`models/openai/gpt-4o`), which is also what a Gemini client posts back; a single model is found with or without
 * the `models/` prefix, slash raw or encoded. Every listed model serves the three Gemini methods, whichever
 * provider it belongs to.
 */
import type { FastifyInstance } from 'fastify';
import { GEMINI_METHODS, geminiModelId } from '../dialects/gemini/action.ts';
import type { ListedModel, ModelCatalog } from '../model-plane/contract.ts';
import { findListedModel } from './listed-model.ts';

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

/** Google's `models.list` answer for the whole catalog (one page: there is no `nextPageToken`). */
export function geminiModelList(catalog: ModelCatalog): { readonly models: readonly GeminiModel[] } {
  return { models: catalog.listModels().map(geminiModel) };
}

/** Google's `models.get` answer for a path segment naming a listed model, with or without `models/`. */
export function findGeminiModel(catalog: ModelCatalog, segment: string, listPath: string): GeminiModel {
  const listHint = `GET ${listPath} lists every model, as models/provider/model.`;
  return geminiModel(findListedModel(catalog, geminiModelId(segment), listHint));
}

export function registerGeminiModelRoutes(app: FastifyInstance, catalog: ModelCatalog): void {
  app.get('/v1beta/models', () => geminiModelList(catalog));
  app.get('/v1beta/models/*', (request) =>
    findGeminiModel(catalog, (request.params as Record<string, string>)['*'] ?? '', '/v1beta/models'),
  );
}
