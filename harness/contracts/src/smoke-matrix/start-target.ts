import { createServer } from '@switchyard/proxy-core';
import { CLIENT_KEY, proxyConfig } from '../rig/proxy-config.ts';
import { PROVIDER_BASE_URLS } from '../upstreams/index.ts';
import type { SmokeArgs } from './args.ts';
import type { MatrixReport } from './matrix.ts';
import { startOfflineProxy } from './offline-proxy.ts';

export interface Target {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly mode: MatrixReport['mode'];
  close(): Promise<void>;
}

/** A running proxy given by URL, or one started here: on the mock upstream, or (`--live`) on the real APIs. */
export async function startTarget(args: SmokeArgs): Promise<Target> {
  if (args.baseUrl !== undefined) {
    return {
      baseUrl: args.baseUrl,
      apiKey: args.apiKey,
      mode: args.live ? 'live' : 'external',
      close: () => Promise.resolve(),
    };
  }
  if (!args.live) return { ...(await startOfflineProxy()), mode: 'offline' };
  const server = await createServer(proxyConfig({ baseUrls: PROVIDER_BASE_URLS, keys: 'env' }));
  const baseUrl = await server.listen();
  return { baseUrl, apiKey: CLIENT_KEY, mode: 'live', close: () => server.close() };
}
