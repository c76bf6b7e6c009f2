/** The config schema and the registry come from the one provider list: what one knows, the other builds. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modelPlaneConfigSchema } from '../model-plane/config-schema.ts';
import { providersConfigSchema } from './config-schema.ts';
import { defineProvider } from './descriptor.ts';
import { MockProvider } from './mock/mock-provider.ts';
import { mockProviderConfigSchema } from './mock/mock-config.ts';
import { OpenAiCompatibleProvider } from './openai-compatible/index.ts';
import { PROVIDER_DESCRIPTORS } from './provider-list.ts';
import { providerKeys, providersFrom } from './registry.ts';
import { upstreamProviderSchema } from './shared/upstream-config.ts';
import { upstreamDescriptor } from './shared/upstream-descriptor.ts';

const NAMES = PROVIDER_DESCRIPTORS.map((descriptor) => descriptor.name);

/** A provider that exists only in this test: one descriptor, as a new provider folder would export. */
const echoDescriptor = upstreamDescriptor(
  'echo',
  upstreamProviderSchema({
    baseUrl: 'https://echo.example/v1',
    keysEnv: ['ECHO_API_KEY'],
    cheapestModel: 'echo-1',
    modelPrefixes: ['echo-'],
    forwardIdempotencyKey: false,
    models: [{ id: 'echo-1', contextWindow: 8192 }],
  }),
  (config, context) =>
    new OpenAiCompatibleProvider(config, { maxTokensField: 'max_tokens', images: false }, context),
);

describe('the provider list', () => {
  it('names each provider once', () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
    expect(NAMES).toEqual(['mock', 'openai', 'anthropic', 'gemini', 'kimi', 'qwen', 'deepseek']);
  });

  it('gives the config exactly one section per provider, in the list order', () => {
    expect(Object.keys(modelPlaneConfigSchema.parse({}).providers)).toEqual(NAMES);
  });

  it('registers every provider of the list, in its order, under its config name, when each is enabled', () => {
    const everyOneOn = Object.fromEntries(NAMES.map((name) => [name, { enabled: true }]));
    const { providers } = modelPlaneConfigSchema.parse({ providers: everyOneOn });
    const built = providersFrom(PROVIDER_DESCRIPTORS, providers, { env: {} });
    expect(built.map((provider) => provider.name)).toEqual(NAMES);
  });

  it('allows a deadline override for every provider of the list, and for no other name', () => {
    const overrides = Object.fromEntries(NAMES.map((name) => [name, { idleTimeoutMs: 5 }]));
    expect(modelPlaneConfigSchema.safeParse({ deadlines: { overrides } }).success).toBe(true);
    const typo = modelPlaneConfigSchema.safeParse({
      deadlines: { overrides: { deepsek: { idleTimeoutMs: 5 } } },
    });
    expect(typo.success).toBe(false);
  });

  it('turns one added descriptor into a config section with its defaults, a registered provider and its keys', () => {
    const list = [...PROVIDER_DESCRIPTORS, echoDescriptor] as const;
    const schema = providersConfigSchema(list);
    expect(providersConfigSchema(PROVIDER_DESCRIPTORS).safeParse({ echo: {} }).success).toBe(false);

    const config = schema.parse({ mock: { enabled: false } });
    expect(config.echo).toMatchObject({ baseUrl: 'https://echo.example/v1', cheapestModel: 'echo-1' });
    expect(providersFrom(list, config, { env: {} })).toEqual([]);

    const env = { ECHO_API_KEY: 'echo-key' };
    const built = providersFrom(list, config, { env });
    expect(built.map((provider) => provider.name)).toEqual(['echo']);
    expect(built[0]?.supportsModel('echo-2')).toBe(true);
    expect(providerKeys(list, config, env)).toEqual(['echo-key']);
  });

  it("checks an added upstream's cheapest model like the built-in ones", () => {
    const result = providersConfigSchema([echoDescriptor]).safeParse({ echo: { cheapestModel: 'echo-9' } });
    expect(result.error?.issues[0]?.path).toEqual(['echo', 'cheapestModel']);
    expect(result.error?.issues[0]?.message).toMatch(/add it to models/);
  });

  it('refuses a list that names one provider twice', () => {
    const again = defineProvider({
      name: 'mock',
      configSchema: z.strictObject({}),
      keys: () => [],
      create: () => new MockProvider(mockProviderConfigSchema.parse({})),
    });
    expect(() => providersConfigSchema([...PROVIDER_DESCRIPTORS, again])).toThrow(
      'provider "mock" is described twice',
    );
  });
});
