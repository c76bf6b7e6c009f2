import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proxy as ToxiproxyProxy } from 'toxiproxy-node-client';
import { freePort } from '@switchyard/testkit/ports';
import { startLoopbackUpstream, type LoopbackUpstream } from './loopback-upstream.ts';
import { startToxiproxy, type ToxiproxyHandle } from '@switchyard/testkit/toxiproxy';

const LATENCY_MS = 300;

/** Median wall time of `count` sequential GETs; a fresh connection each time so toxics apply. */
async function medianRequestMs(url: string, count: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { connection: 'close' } });
    expect(response.status).toBe(200);
    await response.text();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

describe('chaos:toolchain-latency — a latency toxic delays requests and removing it restores speed', () => {
  let toxiproxy: ToxiproxyHandle;
  let upstream: LoopbackUpstream;
  let proxy: ToxiproxyProxy;
  let proxiedUrl: string;

  beforeAll(async () => {
    upstream = await startLoopbackUpstream();
    toxiproxy = await startToxiproxy();
    const listenPort = await freePort();
    proxy = await toxiproxy.client.createProxy({
      name: 'loopback_upstream',
      listen: `127.0.0.1:${listenPort}`,
      upstream: `${upstream.host}:${upstream.port}`,
    });
    proxiedUrl = `http://127.0.0.1:${listenPort}/`;
  });

  afterAll(async () => {
    await toxiproxy?.stop();
    await upstream?.close();
  });

  it('passes traffic through unchanged without toxics', async () => {
    const response = await fetch(proxiedUrl);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('adds the configured latency while the toxic is present, and not after it is removed', async () => {
    const baseline = await medianRequestMs(proxiedUrl, 5);
    const toxic = await proxy.addToxic({
      name: 'slow_downstream',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: LATENCY_MS, jitter: 0 },
    });
    const delayed = await medianRequestMs(proxiedUrl, 3);
    await toxic.remove();
    const remaining = await fetch(`${toxiproxy.apiUrl}/proxies/${proxy.name}/toxics`);
    expect(await remaining.json()).toEqual([]);
    const restored = await medianRequestMs(proxiedUrl, 5);

    expect(delayed - baseline).toBeGreaterThanOrEqual(LATENCY_MS * 0.9);
    expect(restored).toBeLessThan(baseline + LATENCY_MS / 2);
  });
});
