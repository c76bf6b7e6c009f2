/**
 * GET /v1/models and GET /v1/models/{model}. OpenAI's shapes by default; Claude Code (User-Agent starting with
 * `claude-cli`, any case) gets Anthropic's list shape, as upstream does; a Gemini client (its key in
 * `x-goog-api-key` or `?key=`, server/dialect.ts) gets Google's, so `@google/genai` on its default `/v1` lists and
 * gets models. Ids are provider-qualified (`mock/mock-small`).
 */
import type { FastifyInstance } from 'fastify';
import { decodedSegment } from '../dialects/gemini/action.ts';
import { isGeminiClient } from '../auth/credentials.ts';
import type { ListedModel, ModelCatalog } from '../model-plane/contract.ts';
import { findGeminiModel, geminiModelList } from './gemini-models.ts';
import { findListedModel } from './listed-model.ts';

export interface OpenAiModel {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
}

export interface OpenAiModelList {
  readonly object: 'list';
  readonly data: readonly OpenAiModel[];
}

export interface AnthropicModelList {
  readonly object: 'list';
  readonly data: readonly {
    id: string;
    object: 'model';
    type: 'model';
    display_name: string;
    /** RFC 3339, as Anthropic's API and SDK type it. */
    created_at: string;
    owned_by: string;
  }[];
  readonly has_more: false;
  readonly first_id: string;
  readonly last_id: string;
}

export function wantsAnthropicList(userAgent: string | undefined): boolean {
  return userAgent?.trim().toLowerCase().startsWith('claude-cli') === true;
}

function openAiModel(model: ListedModel): OpenAiModel {
  return { id: model.id, object: 'model', created: model.created, owned_by: model.provider };
}

export function openAiModelList(models: readonly ListedModel[]): OpenAiModelList {
  return { object: 'list', data: models.map(openAiModel) };
}

export function anthropicModelList(models: readonly ListedModel[]): AnthropicModelList {
  return {
    object: 'list',
    data: models.map((model) => ({
      id: model.id,
      object: 'model',
      type: 'model',
      display_name: model.displayName,
      created_at: new Date(model.created * 1000).toISOString(),
      owned_by: model.provider,
    })),
    has_more: false,
    first_id: models.at(0)?.id ?? '',
    last_id: models.at(-1)?.id ?? '',
  };
}

export function registerModelRoutes(app: FastifyInstance, catalog: ModelCatalog): void {
  app.get('/v1/models', (request) => {
    if (isGeminiClient(request.headers, request.url)) return geminiModelList(catalog);
    const models = catalog.listModels();
    return wantsAnthropicList(request.headers['user-agent'])
      ? anthropicModelList(models)
      : openAiModelList(models);
  });
  // The model may hold a slash (`openai/gpt-4o`), hence the wildcard.
  app.get('/v1/models/*', (request) => {
    const segment = (request.params as Record<string, string>)['*'] ?? '';
    if (isGeminiClient(request.headers, request.url)) return findGeminiModel(catalog, segment, '/v1/models');
    const listHint = 'GET /v1/models lists every model, as provider/model.';
    return openAiModel(findListedModel(catalog, decodedSegment(segment), listHint));
  });
}
