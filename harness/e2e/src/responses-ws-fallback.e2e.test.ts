/**
 * Responses WebSocket fallback: a WebSocket that drops mid-response leaves nothing to reconnect to (WebSocket
 * mode keeps its state per connection, and the proxy aborts the upstream call when the socket closes). The
 * client recovers over HTTP by sending the same request body to POST /v1/responses with an Idempotency-Key
 * it chose for this logical request: the first HTTP attempt runs the response to completion, and every
 * retry of it (another drop, a timeout) replays the finished response with the same id instead of running
 * the model again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { post, startProxy, writeConfig, type ProxyProcess } from './proxy-process.ts';

let proxy: ProxyProcess | undefined;
afterEach(async () => {
  await proxy?.service.stop();
  proxy = undefined;
});

/** Opens WebSocket mode, sends `response.create`, and drops the socket at the first text delta. */
async function dropMidResponse(url: string, body: Record<string, unknown>): Promise<string[]> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/responses`);
  const seen: string[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'response.create', ...body })));
    socket.addEventListener('error', () => reject(new Error('WebSocket error before the drop')));
    socket.addEventListener('message', (message: { data: unknown }) => {
      const type = (JSON.parse(String(message.data)) as { type: string }).type;
      seen.push(type);
      if (type === 'response.output_text.delta') {
        socket.close(); // the client side goes away mid-response
        resolve();
      }
      if (type === 'response.completed') reject(new Error('the response finished before the drop'));
    });
  });
  return seen;
}

describe('e2e: Responses WebSocket drop → HTTP fallback', () => {
  it('recovers the response over HTTP exactly once, replaying it on retries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-ws-'));
    const config = writeConfig(dir, 'config.yaml', {
      logging: { level: 'warn' },
      controlPlane: { dataDir: join(dir, 'data') },
      // `mock-stall` streams half its answer, pauses, then finishes: the drop lands mid-response.
      modelPlane: { providers: { mock: { chunkCount: 4, chunkIntervalMs: 1, stallMs: 300 } } },
    });
    proxy = await startProxy(config);
    const body = { model: 'mock-stall', input: 'tell me something' };

    const seen = await dropMidResponse(proxy.url, body);
    expect(seen).toContain('response.created');
    expect(seen).not.toContain('response.completed');

    const headers = { 'idempotency-key': 'ws-fallback-1' };
    const recovered = await post(`${proxy.url}/v1/responses`, body, headers);
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({ object: 'response', status: 'completed' });
    expect(recovered.headers.get('idempotent-replayed')).toBeNull();

    const retried = await post(`${proxy.url}/v1/responses`, body, headers);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(recovered.body);

    const metrics = (await (await fetch(`${proxy.url}/v1/metrics/providers`)).json()) as {
      mock: { request_count: number; success_count: number };
    };
    // The dropped WebSocket turn (aborted) and one HTTP execution; the replay ran nothing.
    expect(metrics.mock.success_count).toBe(1);
  });
});
