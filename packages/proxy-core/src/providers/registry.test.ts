import { describe, expect, it } from 'vitest';
import { modelPlaneConfigSchema } from '../model-plane/config-schema.ts';
import { PROVIDER_DESCRIPTORS } from './provider-list.ts';
import { providerKeys, providersFrom } from './registry.ts';

/** The upstream providers a config registers (the mock, on by default, is left out). */
const names = (input: object, env: Record<string, string> = {}): string[] =>
  providersFrom(
    PROVIDER_DESCRIPTORS,
    modelPlaneConfigSchema.parse({ providers: { mock: { enabled: false }, ...input } }).providers,
    { env },
  ).map((provider) => provider.name);

describe('providersFrom', () => {
  it('registers no upstream provider on a fresh machine (no keys)', () => {
    expect(names({})).toEqual([]);
  });

  it('registers providers with keys from config or from keysEnv variables (comma-separated)', () => {
    expect(
      names(
        { gemini: { keys: ['g'] } },
        { OPENAI_API_KEY: 'a,b', DEEPSEEK_API_KEY: 'd', MOONSHOT_API_KEY: 'k' },
      ),
    ).toEqual(['openai', 'gemini', 'kimi', 'deepseek']);
  });

  it('registers the mock unless it is disabled, first', () => {
    const config = modelPlaneConfigSchema.parse({ providers: { deepseek: { keys: ['d'] } } }).providers;
    expect(providersFrom(PROVIDER_DESCRIPTORS, config, { env: {} }).map((provider) => provider.name)).toEqual(
      ['mock', 'deepseek'],
    );
  });

  it('collects every key for redaction, of disabled providers too', () => {
    const config = modelPlaneConfigSchema.parse({
      providers: { openai: { keys: ['sk-config'], enabled: false } },
    }).providers;
    expect(
      providerKeys(PROVIDER_DESCRIPTORS, config, { GEMINI_API_KEY: 'g1,g2', QWEN_API_KEY: 'q' }),
    ).toEqual(['sk-config', 'g1', 'g2', 'q']);
  });

  it('registers a provider without keys only when explicitly enabled, and never one disabled', () => {
    expect(
      names({ qwen: { enabled: true }, anthropic: { enabled: false } }, { ANTHROPIC_API_KEY: 'x' }),
    ).toEqual(['qwen']);
  });

  it('lists the default cheapest models and their capabilities', () => {
    const config = modelPlaneConfigSchema.parse({}).providers;
    expect(
      [config.openai, config.anthropic, config.gemini, config.kimi, config.qwen, config.deepseek].map(
        (c) => c.cheapestModel,
      ),
    ).toEqual([
      'gpt-6-luna',
      'claude-haiku-5-5',
      'gemini-3.1-flash-lite',
      'kimi-k2.5',
      'qwen3-coder-flash',
      'deepseek-chat',
    ]);
    expect(config.gemini.models.find((model) => model.id === 'gemini-3.1-flash-lite')?.thinking).toEqual({
      levels: ['minimal', 'low', 'medium', 'high'],
    });
  });

  it.each([
    [{ openai: { baseUrl: 'not a url' } }, ['providers', 'openai', 'baseUrl'], /http\(s\) URL/],
    [{ kimi: { keysEnv: ['not-a-var'] } }, ['providers', 'kimi', 'keysEnv', 0], /environment variable name/],
    [{ qwen: { cheapestModel: 'qwen-nope' } }, ['providers', 'qwen', 'cheapestModel'], /add it to models/],
  ])('rejects bad provider config with the key path and how to fix it', (providers, path, message) => {
    const result = modelPlaneConfigSchema.safeParse({ providers });
    expect(result.error?.issues[0]?.path).toEqual(path);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});
