import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TEXT } from '@switchyard/provider-fixtures';
import { CLIENT_DIALECTS, textOf } from './dialects.ts';
import { openSse, readToEnd, readUntil } from './sse-client.ts';
import { startChain, type Chain } from './topology.ts';

// Paced so the RST lands between the first text delta and the terminal event, not after the stream ended.
const CHUNK_DELAY_MS = 150;

describe('chaos:upstream-reset-midstream — an upstream reset mid-stream is an error event, never a truncated success', () => {
  let chain: Chain;

  beforeAll(async () => {
    chain = await startChain({ chunkDelayMs: CHUNK_DELAY_MS });
  });
  afterEach(async () => {
    await chain.heal();
  });
  afterAll(async () => {
    await chain?.close();
  });

  it.each(CLIENT_DIALECTS)(
    'without the toxic, $name streams the whole answer and its terminal event',
    async (dialect) => {
      const frames = await readToEnd(
        await openSse(`${chain.clientUrl}${dialect.path}`, dialect.streamingBody('hi')),
      );
      expect(textOf(dialect, frames)).toBe(FIXTURE_TEXT);
      expect(frames.filter((frame) => dialect.isTerminal(frame))).toHaveLength(1);
      expect(frames.some((frame) => dialect.isError(frame))).toBe(false);
    },
  );

  it.each(CLIENT_DIALECTS)(
    '$name: reset_peer after the first delta → error event, no terminal event',
    async (dialect) => {
      const stream = await openSse(`${chain.clientUrl}${dialect.path}`, dialect.streamingBody('hi'));
      expect(stream.response.status).toBe(200);
      const head = await readUntil(stream, (frame) => dialect.textOf(frame) !== '');
      expect(textOf(dialect, head)).not.toBe('');

      // timeout 0: toxiproxy answers the next byte on the upstream link with a TCP RST at once.
      await chain.link.addToxic({
        name: 'reset_upstream',
        type: 'reset_peer',
        stream: 'downstream',
        toxicity: 1,
        attributes: { timeout: 0 },
      });
      const tail = await readToEnd(stream);

      expect(tail.filter((frame) => dialect.isError(frame))).toHaveLength(1);
      expect(tail.some((frame) => dialect.isTerminal(frame))).toBe(false);
      // The answer was cut: the client must not have received all of it as if nothing happened.
      expect(textOf(dialect, [...head, ...tail])).not.toBe(FIXTURE_TEXT);
    },
  );
});
