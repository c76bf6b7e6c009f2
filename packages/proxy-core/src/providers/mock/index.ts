import { defineProvider } from '../descriptor.ts';
import { mockProviderConfigSchema } from './mock-config.ts';
import { MockProvider } from './mock-provider.ts';

/** `providers.mock`: on by default, no keys, no network (deterministic answers for tests and demos). */
export const mockDescriptor = defineProvider({
  name: 'mock',
  configSchema: mockProviderConfigSchema,
  keys: () => [],
  create: (config) => (config.enabled ? new MockProvider(config) : undefined),
});
