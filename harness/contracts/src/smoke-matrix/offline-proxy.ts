import { startMockUpstream } from '@switchyard/provider-fixtures';
import { createServer } from '@switchyard/proxy-core';
import { CLIENT_KEY, proxyConfig } from '../rig/proxy-config.ts';

export interface OfflineProxy {
  readonly baseUrl: string;
  readonly apiKey: string;
  close(): Promise<void>;
}

/**
 * The default target of the matrix: `startMockUpstream` on loopback plus proxy-core whose six providers
 * point at it, so the matrix runs offline. `upstreamHeaders` can pick a fixture scenario for every call.
 */
export async function startOfflineProxy(
  upstreamHeaders?: Readonly<Record<string, string>>,
): Promise<OfflineProxy> {
  const upstream = await startMockUpstream({ port: 0 });
  const server = await createServer(
    proxyConfig({
      baseUrls: upstream.baseUrls,
      ...(upstreamHeaders === undefined ? {} : { upstreamHeaders }),
    }),
  );
  const baseUrl = await server.listen();
  return {
    baseUrl,
    apiKey: CLIENT_KEY,
    async close() {
      await server.close();
      await upstream.close();
    },
  };
}
