import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDER_IDS, type ProviderId } from '@switchyard/provider-fixtures';
import type { SwitchyardConfigInput } from '@switchyard/proxy-core';

/** The client key callers present to the proxy; it must never reach an upstream. */
export const CLIENT_KEY = 'sk-test-switchyard-client-contract-key';
/** The principal id of that key (request metadata): may be logged, never sent upstream. */
export const CLIENT_PRINCIPAL = 'contract-client';

/** The fake upstream key configured for a provider, e.g. `up-openai-test-key`. */
export function upstreamKey(provider: ProviderId): string {
  return `up-${provider}-test-key`;
}

export interface ProxyConfigOptions {
  /** Where each provider's upstream lives (real base URLs for MSW, loopback ones for the mock server). */
  readonly baseUrls: Readonly<Record<ProviderId, string>>;
  /** Upstream keys per provider; default: the fake `up-<provider>-test-key`. `'env'` reads the provider's usual variables. */
  readonly keys?: 'fake' | 'env';
  /** Client keys the proxy requires; default one key, {@link CLIENT_KEY}. `[]` = no client auth. */
  readonly clientKeys?: readonly { readonly id: string; readonly key: string }[];
  /** Extra headers on every upstream request of every provider. */
  readonly upstreamHeaders?: Readonly<Record<string, string>>;
  readonly maxRetries?: number;
  /** Also serve proxy-core's built-in mock provider (`mock/…`), for clients checked against it too. */
  readonly mock?: boolean;
}

/**
 * A proxy-core configuration with all six providers enabled on loopback, retries off by default (every
 * upstream call in a contract test is exactly one request), key cooldowns off (one error scenario must
 * not poison the next test), and a throw-away control-plane data directory.
 */
export function proxyConfig(options: ProxyConfigOptions): SwitchyardConfigInput {
  const providers = Object.fromEntries(
    PROVIDER_IDS.map((provider) => [
      provider,
      {
        enabled: true,
        baseUrl: options.baseUrls[provider],
        ...(options.keys === 'env' ? {} : { keys: [upstreamKey(provider)], keysEnv: [] }),
        rateLimitCooldownMs: 0,
        authCooldownMs: 0,
        ...(options.upstreamHeaders === undefined ? {} : { headers: { ...options.upstreamHeaders } }),
      },
    ]),
  );
  return {
    server: { host: '127.0.0.1', port: 0 },
    auth: { keys: [...(options.clientKeys ?? [{ id: CLIENT_PRINCIPAL, key: CLIENT_KEY }])] },
    logging: { level: 'silent' },
    controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-contracts-')) },
    modelPlane: {
      providers: { mock: { enabled: options.mock === true, chunkIntervalMs: 1 }, ...providers },
      retries: { maxRetries: options.maxRetries ?? 0, baseBackoffMs: 1, maxBackoffMs: 5 },
      heartbeatIntervalMs: 0,
    },
  };
}
