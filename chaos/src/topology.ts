import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Proxy as ToxiproxyProxy } from 'toxiproxy-node-client';
import { startMockUpstream, type MockUpstream } from '@switchyard/provider-fixtures';
import { createServer, type SwitchyardConfigInput } from '@switchyard/proxy-core';
import { freePort } from '@switchyard/testkit/ports';
import { startToxiproxy, type ToxiproxyHandle } from '@switchyard/testkit/toxiproxy';

/** Every scenario talks to the proxy through this model: the OpenAI-compatible adapter against the mock upstream. */
export const UPSTREAM_MODEL = 'deepseek/deepseek-v3';

export interface Deadlines {
  readonly connectTimeoutMs?: number;
  readonly firstTokenTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  readonly totalTimeoutMs?: number;
}

export interface ChainOptions {
  /**
   * Where toxiproxy sits. `upstream` (default): client → proxy → toxiproxy → mock upstream, so toxics hit the
   * proxy's provider call. `front`: client → toxiproxy → proxy → mock upstream, so toxics hit the client link.
   */
  readonly toxiproxyAt?: 'upstream' | 'front';
  /** Pause between the mock upstream's stream frames: leaves room to inject a toxic mid-stream. */
  readonly chunkDelayMs?: number;
  readonly deadlines?: Deadlines;
}

export interface Chain {
  /** Base URL the client uses (toxiproxy's listener when it is in front). */
  readonly clientUrl: string;
  readonly upstream: MockUpstream;
  readonly toxiproxy: ToxiproxyHandle;
  /** The one toxiproxy hop of this chain. */
  readonly link: ToxiproxyProxy;
  /** Takes the hop down (every open connection dropped, new ones refused) or back up. */
  setLinkEnabled(enabled: boolean): Promise<void>;
  /** Removes every toxic and re-enables the hop, so one test's chaos never leaks into the next. */
  heal(): Promise<void>;
  close(): Promise<void>;
}

function proxyConfig(dataDir: string, upstreamBaseUrl: string, options: ChainOptions): SwitchyardConfigInput {
  return {
    server: { host: '127.0.0.1', port: 0 },
    logging: { level: 'silent' },
    controlPlane: { dataDir },
    modelPlane: {
      providers: { deepseek: { enabled: true, keys: ['up-test-key'], baseUrl: upstreamBaseUrl } },
      // No retries: a retried attempt would restart the deadline clock and blur what a scenario measures.
      retries: { maxRetries: 0 },
      // Heartbeats off: a keep-alive comment is not an event, but it would muddy the idle-gap scenarios.
      heartbeatIntervalMs: 0,
      ...(options.deadlines === undefined ? {} : { deadlines: options.deadlines }),
    },
  };
}

/** Builds mock upstream, toxiproxy and the real proxy (createServer) on loopback, wired as `options` says. */
export async function startChain(options: ChainOptions = {}): Promise<Chain> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    // Reverse order: the proxy goes before the hops and the upstream it talks to.
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const upstream = await startMockUpstream({
      port: 0,
      ...(options.chunkDelayMs === undefined ? {} : { chunkDelayMs: options.chunkDelayMs }),
    });
    cleanups.push(() => upstream.close());
    const toxiproxy = await startToxiproxy();
    cleanups.push(() => toxiproxy.stop());
    const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-chaos-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const listenPort = await freePort();
    const hopUrl = `http://127.0.0.1:${listenPort}`;
    const inFront = options.toxiproxyAt === 'front';
    const upstreamBaseUrl = inFront
      ? upstream.baseUrls.deepseek
      : upstream.baseUrls.deepseek.replace(upstream.url, hopUrl);

    const server = await createServer(proxyConfig(dataDir, upstreamBaseUrl, options));
    cleanups.push(() => server.close());
    const proxyUrl = await server.listen();

    const link = await toxiproxy.client.createProxy({
      name: inFront ? 'client_to_proxy' : 'proxy_to_upstream',
      listen: `127.0.0.1:${listenPort}`,
      upstream: new URL(inFront ? proxyUrl : upstream.url).host,
    });
    return {
      clientUrl: inFront ? hopUrl : proxyUrl,
      upstream,
      toxiproxy,
      link,
      setLinkEnabled: async (enabled) => {
        await link.update({ enabled, listen: link.listen, upstream: link.upstream });
      },
      heal: () => toxiproxy.client.reset(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
