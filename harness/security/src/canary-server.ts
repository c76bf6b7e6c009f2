import { startProxyProcess } from './proxy-process.ts';

/**
 * The built proxy as a real process (mock provider, loopback, a 64 KiB body limit) configured with a
 * canary client key, whose every log line is kept, so a test can look for the canaries on every surface
 * an attacker or an operator sees: response bodies and headers, logs, and both metrics endpoints.
 */
export interface CanaryServer {
  readonly url: string;
  readonly clientKey: string;
  /** Every line the process wrote to stdout and stderr so far. */
  logLines(): string[];
  close(): Promise<void>;
}

export const ALLOWED_ORIGIN = 'https://app.example.com';

/** Built at run time so no secret-shaped literal sits in the repository. */
export function canary(label: string): string {
  return ['sk', 'test', 'canary', label, Math.random().toString(36).slice(2, 14)].join('-');
}

export async function startCanaryServer(clientKey: string): Promise<CanaryServer> {
  const proxy = await startProxyProcess({
    config: {
      server: { host: '127.0.0.1', bodyLimitBytes: 64 * 1024 },
      auth: { keys: [{ id: 'security-suite', key: clientKey }] },
      cors: { allowedOrigins: [ALLOWED_ORIGIN] },
    },
  });
  return {
    url: proxy.url,
    clientKey,
    logLines: () => proxy.logs().toString('utf8').split('\n').filter(Boolean),
    close: async () => {
      await proxy.stop();
      proxy.remove();
    },
  };
}
