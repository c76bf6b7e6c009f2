import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '@switchyard/proxy-core';
import { STREAM_CHUNKS, STREAM_INTERVAL_MS } from './scenarios.ts';

export interface ProxyTarget {
  readonly responsesUrl: string;
  readonly authorization: string;
  close(): Promise<void>;
}

/** The real proxy on loopback, serving the mock provider at the same pacing as the direct baseline. */
export async function startProxyTarget(): Promise<ProxyTarget> {
  const key = ['perf', 'client', 'key', Date.now().toString(36)].join('-');
  const server = await createServer(
    {
      server: { host: '127.0.0.1', port: 0 },
      auth: { keys: [{ id: 'perf', key }] },
      logging: { level: 'warn' },
      controlPlane: { dataDir: mkdtempSync(join(tmpdir(), 'sy-perf-')) },
      modelPlane: { providers: { mock: { chunkCount: STREAM_CHUNKS, chunkIntervalMs: STREAM_INTERVAL_MS } } },
    },
    {},
  );
  const url = await server.listen();
  return { responsesUrl: `${url}/v1/responses`, authorization: `Bearer ${key}`, close: () => server.close() };
}
