import type { CooldownRelay } from './shared/cooldown-relay.ts';
import { AnthropicProvider } from './anthropic/index.ts';
import type { AnthropicConfig } from './anthropic/config.ts';
import { GeminiProvider } from './gemini/index.ts';
import type { GeminiConfig } from './gemini/config.ts';
import { OpenAiProvider } from './openai/index.ts';
import type { OpenAiConfig } from './openai/config.ts';
import { COMPATIBLE_QUIRKS, type OpenAiCompatibleConfig } from './openai-compatible/config.ts';
import { OpenAiCompatibleProvider } from './openai-compatible/index.ts';
import type { Provider } from './provider.ts';
import { resolveKeys, type UpstreamProviderConfig } from './shared/upstream-config.ts';
import type { ProviderContext } from './shared/upstream-setup.ts';

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

/** Settings the upstream providers are built from (a slice of the model-plane config). */
export interface UpstreamProvidersConfig {
  readonly openai: OpenAiConfig;
  readonly anthropic: AnthropicConfig;
  readonly gemini: GeminiConfig;
  readonly kimi: OpenAiCompatibleConfig;
  readonly qwen: OpenAiCompatibleConfig;
  readonly deepseek: OpenAiCompatibleConfig;
}

export interface UpstreamEnvironment {
  /** Where `keysEnv` variables are read; `process.env` in production. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Clock for key cooldowns. */
  readonly now?: () => number;
  /** Shares key cooldowns with other replicas. */
  readonly relay?: CooldownRelay;
}

const UPSTREAM_NAMES = [
  'openai',
  'anthropic',
  'gemini',
  'kimi',
  'qwen',
  'deepseek',
] as const satisfies readonly (keyof UpstreamProvidersConfig)[];

/** Every key the upstream providers would send, from the config and the environment (for log redaction). */
export function upstreamKeys(config: UpstreamProvidersConfig, env: UpstreamEnvironment['env']): string[] {
  return UPSTREAM_NAMES.flatMap((name) => resolveKeys(config[name], env));
}

/**
 * The upstream providers that should run: each one with a key, plus those `enabled: true` without one
 * (tests against a mock upstream). Adding a provider is one line here and one folder.
 */
export function upstreamProviders(
  config: UpstreamProvidersConfig,
  environment: UpstreamEnvironment,
): Provider[] {
  const { env, now, relay } = environment;
  const candidates: readonly [UpstreamProviderConfig, (context: ProviderContext) => Provider][] = [
    [config.openai, (context) => new OpenAiProvider(config.openai, context)],
    [config.anthropic, (context) => new AnthropicProvider(config.anthropic, context)],
    [config.gemini, (context) => new GeminiProvider(config.gemini, context)],
    [
      config.kimi,
      (context) => new OpenAiCompatibleProvider('kimi', config.kimi, COMPATIBLE_QUIRKS.kimi, context),
    ],
    [
      config.qwen,
      (context) => new OpenAiCompatibleProvider('qwen', config.qwen, COMPATIBLE_QUIRKS.qwen, context),
    ],
    [
      config.deepseek,
      (context) =>
        new OpenAiCompatibleProvider('deepseek', config.deepseek, COMPATIBLE_QUIRKS.deepseek, context),
    ],
  ];
  return candidates.flatMap(([settings, create]) => {
    const keys = resolveKeys(settings, env);
    const enabled = settings.enabled ?? keys.length > 0;
    const context = {
      keys,
      ...(now === undefined ? {} : { now }),
      ...(relay === undefined ? {} : { relay }),
    };
    return enabled ? [create(context)] : [];
  });
}
