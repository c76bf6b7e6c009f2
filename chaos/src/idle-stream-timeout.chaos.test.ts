import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIALECTS } from './dialects.ts';
import { openSse, readToEnd, readUntil } from './sse-client.ts';
import { startChain, type Chain } from './topology.ts';

const CHUNK_DELAY_MS = 100;
const IDLE_TIMEOUT_MS = 800;
/** Bounds how late the idle error may arrive on a loaded machine; the stall itself never ends on its own. */
const LATE_MARGIN_MS = 2_000;

describe('chaos:idle-stream-timeout — an upstream that stalls mid-stream hits the idle deadline, an error event', () => {
  let chain: Chain;

  beforeAll(async () => {
    // First-token deadline generous, so only the idle deadline can explain the error.
    chain = await startChain({
      chunkDelayMs: CHUNK_DELAY_MS,
      deadlines: { idleTimeoutMs: IDLE_TIMEOUT_MS, firstTokenTimeoutMs: 10_000 },
    });
  });
  afterEach(async () => {
    await chain.heal();
  });
  afterAll(async () => {
    await chain?.close();
  });

  it.each(CLIENT_DIALECTS)(
    '$name: black hole after the first delta → stream_idle_timeout error, no terminal event',
    async (dialect) => {
      const stream = await openSse(`${chain.clientUrl}${dialect.path}`, dialect.streamingBody('hi'));
      await readUntil(stream, (frame) => dialect.textOf(frame) !== '');

      // Added to the open link: bytes already in flight pass, everything after is swallowed, the socket stays open.
      await chain.link.addToxic({
        name: 'stall',
        type: 'timeout',
        stream: 'downstream',
        toxicity: 1,
        attributes: { timeout: 0 },
      });
      const stalledAt = performance.now();
      const tail = await readToEnd(stream);
      const waited = performance.now() - stalledAt;

      const errors = tail.filter((frame) => dialect.isError(frame));
      expect(errors).toHaveLength(1);
      // Every dialect names the deadline in words. Only Chat carries the proxy's own code: Anthropic's error event
      // has no code field, and a failed Response's `error.code` is limited to OpenAI's published list, where the
      // proxy's own failures are `server_error`.
      expect(errors[0]?.data).toMatch(/idle timeout/);
      if (dialect.name === 'chat') expect(errors[0]?.data).toMatch(/"stream_idle_timeout"/);
      if (dialect.name === 'responses') expect(errors[0]?.data).toMatch(/"code":"server_error"/);
      expect(tail.some((frame) => dialect.isTerminal(frame))).toBe(false);
      // The last upstream event may have passed up to one chunk gap before the toxic went in.
      expect(waited).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - CHUNK_DELAY_MS - 50);
      expect(waited).toBeLessThan(IDLE_TIMEOUT_MS + LATE_MARGIN_MS);
    },
  );
});
