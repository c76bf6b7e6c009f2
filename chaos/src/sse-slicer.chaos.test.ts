import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TEXT } from '@switchyard/provider-fixtures';
import { CLIENT_DIALECTS, type ClientDialect } from './dialects.ts';
import { openSse, readToEnd, type SseFrame } from './sse-client.ts';
import { startChain, type Chain } from './topology.ts';

/** What a client can observe of an answer: its text, its terminal event and whether an error appeared. */
async function observe(
  chain: Chain,
  dialect: ClientDialect,
): Promise<{ text: string; last: SseFrame | undefined; errors: number }> {
  const frames = await readToEnd(
    await openSse(`${chain.clientUrl}${dialect.path}`, dialect.streamingBody('hi')),
  );
  return {
    text: frames.map((frame) => dialect.textOf(frame)).join(''),
    last: frames.filter((frame) => dialect.isTerminal(frame)).at(-1),
    errors: frames.filter((frame) => dialect.isError(frame)).length,
  };
}

/** 1–5 byte pieces; `delay` is in microseconds: 200 µs between pieces keeps them separate TCP writes. */
const addSlicer = (chain: Chain) =>
  chain.link.addToxic({
    name: 'slice_upstream',
    type: 'slicer',
    stream: 'downstream',
    toxicity: 1,
    attributes: { average_size: 3, size_variation: 2, delay: 200 },
  });

/** Reads the upstream's raw SSE through the hop itself, counting socket reads and frames. */
async function rawReadsThroughHop(chain: Chain): Promise<{ reads: number; frames: number }> {
  const hopBase = chain.upstream.baseUrls.deepseek.replace(chain.upstream.url, `http://${chain.link.listen}`);
  const response = await fetch(`${hopBase}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer up-test-key' },
    body: JSON.stringify({ model: 'deepseek-v3', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  let reads = 0;
  let text = '';
  const decoder = new TextDecoder();
  if (response.body === null) throw new Error('the upstream stream had no body');
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  // Bounded: a 1-byte slicer on a few hundred bytes stays far below this.
  for (let i = 0; i < 10_000; i += 1) {
    const { done, value } = await reader.read();
    if (done) break;
    reads += 1;
    text += decoder.decode(value, { stream: true });
  }
  return { reads, frames: text.split('\n\n').filter((block) => block.trim() !== '').length };
}

/**
 * The fixture answer is ASCII ("Hello from the fixture."), so this proves SSE framing survives arbitrary TCP
 * fragmentation (frames split mid-line, mid-`data:`, mid-JSON); split multi-byte UTF-8 is not exercised here.
 */
describe('chaos:sse-slicer — upstream SSE cut into 1–5 byte TCP pieces still yields the same answer and terminal event', () => {
  let chain: Chain;

  beforeAll(async () => {
    chain = await startChain({ chunkDelayMs: 0 });
  });
  afterAll(async () => {
    await chain?.close();
  });

  it('the slicer really fragments: the raw upstream stream arrives in many more reads than it has frames', async () => {
    const clean = await rawReadsThroughHop(chain);
    const toxic = await addSlicer(chain);
    try {
      const sliced = await rawReadsThroughHop(chain);
      expect(sliced.frames).toBe(clean.frames);
      expect(sliced.reads).toBeGreaterThan(clean.frames * 3);
    } finally {
      await toxic.remove();
    }
  });

  it.each(CLIENT_DIALECTS)(
    '$name: same text and terminal event with and without the slicer',
    async (dialect) => {
      const clean = await observe(chain, dialect);
      const toxic = await addSlicer(chain);
      try {
        const sliced = await observe(chain, dialect);
        expect(clean.text).toBe(FIXTURE_TEXT);
        expect(sliced.text).toBe(clean.text);
        expect(sliced.errors).toBe(0);
        expect(sliced.last?.event).toBe(clean.last?.event);
        expect(sliced.last).toBeDefined();
      } finally {
        await toxic.remove();
      }
    },
  );
});
