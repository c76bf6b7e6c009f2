import type { ProviderDescriptor, ProviderEnvironment } from './descriptor.ts';
import type { Provider } from './provider.ts';

/** The providers of one server, by name; filled from the provider list (`providersFrom`) and test extras. */
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

/** A parsed `providers` section: each descriptor's config under its name. */
type ProvidersConfig<List extends readonly ProviderDescriptor[]> = Readonly<
  Record<List[number]['name'], unknown>
>;

/** Each descriptor with its own section of the config (the one its schema parsed). */
function sections<const List extends readonly ProviderDescriptor[]>(
  descriptors: List,
  config: ProvidersConfig<List>,
): (readonly [ProviderDescriptor, unknown])[] {
  const byName: Readonly<Record<string, unknown>> = config;
  return descriptors.map((descriptor) => [descriptor, byName[descriptor.name]] as const);
}

/**
 * The providers the config asks for, in the list's order: each descriptor builds its own from its config section
 * (upstreams: those with a key, plus those `enabled: true` without one; the mock unless disabled).
 */
export function providersFrom<const List extends readonly ProviderDescriptor[]>(
  descriptors: List,
  config: ProvidersConfig<List>,
  environment: ProviderEnvironment,
): Provider[] {
  return sections(descriptors, config).flatMap(
    ([descriptor, section]) => descriptor.create(section, environment) ?? [],
  );
}

/** Every key the providers would send, from the config and the environment (for log redaction). */
export function providerKeys<const List extends readonly ProviderDescriptor[]>(
  descriptors: List,
  config: ProvidersConfig<List>,
  env: ProviderEnvironment['env'],
): string[] {
  return sections(descriptors, config).flatMap(([descriptor, section]) => descriptor.keys(section, env));
}
