import type { z } from 'zod';
import { defineProvider, type ProviderDescriptor } from '../descriptor.ts';
import type { Provider } from '../provider.ts';
import { cheapestModelIsListed, resolveKeys, type UpstreamProviderConfig } from './upstream-config.ts';
import type { ProviderContext } from './upstream-setup.ts';

/**
 * The descriptor of an HTTP provider: its schema (built on `upstreamProviderSchema`) gains the check that
 * `cheapestModel` is listed, its keys come from `keys` and the `keysEnv` variables, and it runs when it has a key
 * or `enabled: true` (never with `enabled: false`). `create` only builds the adapter from the context it is given.
 */
export function upstreamDescriptor<
  const Name extends string,
  Schema extends z.ZodType<UpstreamProviderConfig>,
>(
  name: Name,
  configSchema: Schema,
  create: (config: z.output<Schema>, context: ProviderContext) => Provider,
): ProviderDescriptor<Name, Schema> {
  return defineProvider({
    name,
    configSchema: configSchema.superRefine(cheapestModelIsListed),
    keys: (config, env) => resolveKeys(config, env),
    create(config, { env, now, relay }) {
      const keys = resolveKeys(config, env);
      if (!(config.enabled ?? keys.length > 0)) return undefined;
      return create(config, {
        name,
        keys,
        ...(now === undefined ? {} : { now }),
        ...(relay === undefined ? {} : { relay }),
      });
    },
  });
}
