/**
 * GET /v1/models. OpenAI list shape by default; Claude Code (User-Agent starting with `claude-cli`,
 * any case) gets Anthropic's shape, as upstream does. Ids are provider-qualified (`mock/mock-small`).
 */
import type { FastifyInstance } from 'fastify';
import type { ListedModel, ModelCatalog } from '../model-plane/contract.ts';

export interface OpenAiModelList {
  readonly object: 'list';
  readonly data: readonly { id: string; object: 'model'; created: number; owned_by: string }[];
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

export function openAiModelList(models: readonly ListedModel[]): OpenAiModelList {
  return {
    object: 'list',
    data: models.map((model) => ({
      id: model.id,
      object: 'model',
      created: model.created,
      owned_by: model.provider,
    })),
  };
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
    const models = catalog.listModels();
    return wantsAnthropicList(request.headers['user-agent'])
      ? anthropicModelList(models)
      : openAiModelList(models);
  });
}
