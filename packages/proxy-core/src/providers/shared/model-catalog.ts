import type { ModelThinking } from '../../thinking/types.ts';
import type { ProviderModel } from '../provider.ts';
import type { UpstreamModelConfig, UpstreamProviderConfig } from './upstream-config.ts';

const CREATED = 1_735_689_600; // Fixed (2025-01-01): upstream creation dates are not configured.

/** A provider's configured models: listing, serving decisions and thinking capability. */
export class ModelCatalog {
  private readonly byId: ReadonlyMap<string, UpstreamModelConfig>;
  private readonly prefixes: readonly string[];

  constructor(config: Pick<UpstreamProviderConfig, 'models' | 'modelPrefixes'>) {
    this.byId = new Map(config.models.map((model) => [model.id, model]));
    this.prefixes = config.modelPrefixes;
  }

  list(): ProviderModel[] {
    return [...this.byId.values()].map((model) => ({
      id: model.id,
      displayName: model.displayName ?? model.id,
      created: CREATED,
    }));
  }

  /** Listed models, plus unlisted names with one of the provider's prefixes (new upstream models). */
  serves(model: string): boolean {
    return this.byId.has(model) || this.prefixes.some((prefix) => model.startsWith(prefix));
  }

  find(model: string): UpstreamModelConfig | undefined {
    return this.byId.get(model);
  }

  /** Listed without `thinking` → cannot think; unlisted → unknown (passed through to the upstream). */
  thinking(model: string): ModelThinking {
    const listed = this.byId.get(model);
    if (listed === undefined) return 'unknown';
    return listed.thinking ?? 'unsupported';
  }
}
