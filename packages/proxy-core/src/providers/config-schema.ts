import { z } from 'zod';
import type { ProviderDescriptor } from './descriptor.ts';

/** `providers.<name>` for each descriptor of the list, each defaulting to `{}`. */
export type ProvidersShape<List extends readonly ProviderDescriptor[]> = {
  [D in List[number] as D['name']]: z.ZodPrefault<D['configSchema']>;
};

/**
 * The `providers` section of the config, derived from a list of descriptors: one key per provider, in the list's
 * order, and no other key (a misspelt provider is an unknown key, never a section silently ignored).
 */
export function providersConfigSchema<const List extends readonly ProviderDescriptor[]>(descriptors: List) {
  const names = descriptors.map((descriptor) => descriptor.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`provider "${twice}" is described twice`);
  const shape = Object.fromEntries(
    descriptors.map((descriptor) => [descriptor.name, descriptor.configSchema.prefault({})]),
  );
  // Object.fromEntries forgets which key holds which schema; the mapped type restores it.
  return z.strictObject(shape as ProvidersShape<List>);
}
