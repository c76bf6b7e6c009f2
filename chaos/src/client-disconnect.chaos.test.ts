import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIALECTS } from './dialects.ts';
import { pollUntil } from './poll.ts';
import { openSse, readUntil } from './sse-client.ts';
import { startChain, type Chain } from './topology.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Milliseconds from the client's abort until the mock upstream saw its stream closed. */
    upstream_hang_up_ms?: number;
  }
}

/**
 * Slow enough that the upstream stream would live on for seconds after the client left: if it closes within
 * HANG_UP_WITHIN_MS, only the proxy hanging up can explain it.
 */
const CHUNK_DELAY_MS = 800;
const HANG_UP_WITHIN_MS = 1_500;

describe('chaos:client-disconnect-aborts-upstream — a client that leaves mid-stream makes the proxy hang up upstream', () => {
  let chain: Chain;

  beforeAll(async () => {
    chain = await startChain({ chunkDelayMs: CHUNK_DELAY_MS });
  });
  afterAll(async () => {
    await chain?.close();
  });

  // test.for (not .each) hands the test its context, whose meta carries the measured figure to the report.
  it.for(CLIENT_DIALECTS)(
    '$name: abort after the first delta → upstream stream closed shortly after',
    async (dialect, { task }) => {
      const client = new AbortController();
      const stream = await openSse(
        `${chain.clientUrl}${dialect.path}`,
        dialect.streamingBody('hi'),
        client.signal,
      );
      const head = await readUntil(stream, (frame) => dialect.textOf(frame) !== '');
      expect(head.some((frame) => dialect.textOf(frame) !== '')).toBe(true);
      // Through toxiproxy, so this also proves the close travels across a real TCP hop.
      expect(chain.upstream.openStreams()).toBe(1);

      const abortedAt = performance.now();
      client.abort();

      expect(await pollUntil(() => chain.upstream.openStreams() === 0, HANG_UP_WITHIN_MS, 2)).toBe(true);
      // Reported, not judged here (one sample on a loaded machine is no benchmark): the gap report shows it.
      task.meta.upstream_hang_up_ms = Math.round(performance.now() - abortedAt);
    },
  );
});
