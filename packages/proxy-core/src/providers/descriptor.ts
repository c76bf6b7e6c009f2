import type { z } from 'zod';
import type { Provider } from './provider.ts';
import type { CooldownRelay } from './shared/cooldown-relay.ts';

/** What every descriptor builds its provider in: where keys are read, the clock, the cooldown relay. */
export interface ProviderEnvironment {
  /** Where `keysEnv` variables are read; `process.env` in production. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Clock for key cooldowns. */
  readonly now?: () => number;
  /** Shares key cooldowns with other replicas. */
  readonly relay?: CooldownRelay;
}

/**
 * One provider the proxy can run, as one value: the key it is configured under (`providers.<name>`, also its
 * name in model ids and deadline overrides), the schema of that config with its defaults (the model catalog
 * included), and how to build it. The config schema (`config-schema.ts`) and the registry (`registry.ts`) are
 * both derived from the one list of these (`provider-list.ts`), so a provider cannot be configurable without
 * being buildable, or the other way round.
 */
export interface ProviderDescriptor<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly name: Name;
  /** The schema of `providers.<name>`; `{}` must parse (every field has a default). */
  readonly configSchema: Schema;
  // Methods, not function-valued properties: their parameters are bivariant, so descriptors of different config
  // types fit in one list typed `ProviderDescriptor` — sound here, as each is only ever called with its own config.
  /** The secrets this provider would send, set up or not (the log redaction hides them all). */
  keys(config: z.output<Schema>, env: ProviderEnvironment['env']): readonly string[];
  /** The provider this config asks for, or undefined when the config leaves it off. */
  create(config: z.output<Schema>, environment: ProviderEnvironment): Provider | undefined;
}

/** A descriptor with its name and config type inferred; the config reaches `keys` and `create` typed. */
export function defineProvider<const Name extends string, Schema extends z.ZodType>(
  descriptor: ProviderDescriptor<Name, Schema>,
): ProviderDescriptor<Name, Schema> {
  return descriptor;
}
