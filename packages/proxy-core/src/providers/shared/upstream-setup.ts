import type { CooldownRelay } from './cooldown-relay.ts';
import { KeyPool } from './key-pool.ts';
import { ModelCatalog } from './model-catalog.ts';
import { keyFixHint, type UpstreamProviderConfig } from './upstream-config.ts';

/** What every HTTP adapter is built from: its validated config, its keys and an injectable clock. */
export interface ProviderContext {
  /** The name it is registered under: its descriptor's, the key of its config section. */
  readonly name: string;
  /** Keys resolved from config and environment (see `resolveKeys`). */
  readonly keys: readonly string[];
  /** Clock for key cooldowns; tests inject one. */
  readonly now?: () => number;
  /** Shares key cooldowns with other replicas; absent: this process only. */
  readonly relay?: CooldownRelay;
}

/** The parts every HTTP adapter shares; each adapter's index.ts adds its encoding and decoding. */
export interface UpstreamSetup {
  readonly name: string;
  readonly config: UpstreamProviderConfig;
  readonly keys: KeyPool;
  readonly catalog: ModelCatalog;
  readonly fixHint: string;
}

export function createUpstreamSetup(config: UpstreamProviderConfig, context: ProviderContext): UpstreamSetup {
  const { name } = context;
  const fixHint = keyFixHint(name, config);
  return {
    name,
    config,
    catalog: new ModelCatalog(config),
    fixHint,
    keys: new KeyPool({
      provider: name,
      keys: context.keys,
      rateLimitCooldownMs: config.rateLimitCooldownMs,
      authCooldownMs: config.authCooldownMs,
      fixHint,
      ...(context.now === undefined ? {} : { now: context.now }),
      ...(context.relay === undefined ? {} : { relay: context.relay }),
    }),
  };
}
