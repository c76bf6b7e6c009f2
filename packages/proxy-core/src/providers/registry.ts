import type { Provider } from './provider.ts';

/** The providers of one server, by name. Adding a provider is one `register` call. */
export class ProviderRegistry {
  private readonly byName = new Map<string, Provider>();

  register(provider: Provider): this {
    if (this.byName.has(provider.name)) throw new Error(`provider "${provider.name}" is registered twice`);
    this.byName.set(provider.name, provider);
    return this;
  }

  get(name: string): Provider | undefined {
    return this.byName.get(name);
  }

  names(): readonly string[] {
    return [...this.byName.keys()];
  }

  all(): readonly Provider[] {
    return [...this.byName.values()];
  }

  /** The first provider, in registration order, that serves `model`. */
  findServing(model: string): Provider | undefined {
    return this.all().find((provider) => provider.supportsModel(model));
  }
}
