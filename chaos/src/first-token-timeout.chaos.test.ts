import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TEXT } from '@switchyard/provider-fixtures';
import { CHAT, RESPONSES, textOf } from './dialects.ts';
import { openSse, readToEnd } from './sse-client.ts';
import { startChain, UPSTREAM_MODEL, type Chain } from './topology.ts';

const CONNECT_TIMEOUT_MS = 700;
const FIRST_TOKEN_TIMEOUT_MS = 1_200;
/**
 * The black hole never releases anything until it is removed, so any answer at all proves our deadline fired;
 * this margin only bounds how late "at the deadline" may be on a loaded machine.
 */
const LATE_MARGIN_MS = 2_000;

describe('chaos:upstream-first-token-timeout — a black-holed upstream hits our first-token deadline, a clear 504', () => {
  let chain: Chain;

  beforeAll(async () => {
    chain = await startChain({
      deadlines: { connectTimeoutMs: CONNECT_TIMEOUT_MS, firstTokenTimeoutMs: FIRST_TOKEN_TIMEOUT_MS },
    });
  });
  afterEach(async () => {
    await chain.heal();
  });
  afterAll(async () => {
    await chain?.close();
  });

  /** timeout 0 = black hole: the upstream's answer is swallowed and the connection held open. */
  const blackHole = () =>
    chain.link.addToxic({
      name: 'black_hole',
      type: 'timeout',
      stream: 'downstream',
      toxicity: 1,
      attributes: { timeout: 0 },
    });

  it('non-streaming chat → HTTP 504 in the OpenAI error shape, after the deadline and not long after', async () => {
    await blackHole();
    const started = performance.now();
    const response = await fetch(`${chain.clientUrl}${CHAT.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: UPSTREAM_MODEL, messages: [{ role: 'user', content: 'hi' }] }),
      signal: AbortSignal.timeout(FIRST_TOKEN_TIMEOUT_MS + LATE_MARGIN_MS * 2),
    });
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    const elapsed = performance.now() - started;

    expect(response.status).toBe(504);
    // The connection stood (toxiproxy accepted it), so the connect deadline is met; the missing answer —
    // headers included — is the first-token deadline's.
    expect(body.error?.code).toBe('first_token_timeout');
    expect(body.error?.message).toBeTruthy();
    expect(elapsed).toBeGreaterThanOrEqual(FIRST_TOKEN_TIMEOUT_MS);
    expect(elapsed).toBeLessThan(FIRST_TOKEN_TIMEOUT_MS + LATE_MARGIN_MS);
    // The request did reach the upstream: the hang is on the answer path, as with a stuck provider.
    expect(chain.upstream.requests('deepseek').length).toBeGreaterThan(0);
  });

  it('streaming Responses → HTTP 504 before any byte (no 200 stream that then says nothing)', async () => {
    await blackHole();
    const started = performance.now();
    const stream = await openSse(
      `${chain.clientUrl}${RESPONSES.path}`,
      RESPONSES.streamingBody('hi'),
      AbortSignal.timeout(FIRST_TOKEN_TIMEOUT_MS + LATE_MARGIN_MS * 2),
    );
    const elapsed = performance.now() - started;
    const body = (await stream.response.json()) as { error?: { code?: string } };

    expect(stream.response.status).toBe(504);
    expect(body.error?.code).toBe('first_token_timeout');
    expect(elapsed).toBeGreaterThanOrEqual(FIRST_TOKEN_TIMEOUT_MS);
    expect(elapsed).toBeLessThan(FIRST_TOKEN_TIMEOUT_MS + LATE_MARGIN_MS);
  });

  it('removing the toxic restores a complete streamed answer', async () => {
    await blackHole();
    await chain.heal();
    const frames = await readToEnd(await openSse(`${chain.clientUrl}${CHAT.path}`, CHAT.streamingBody('hi')));
    expect(textOf(CHAT, frames)).toBe(FIXTURE_TEXT);
    expect(frames.filter((frame) => CHAT.isTerminal(frame))).toHaveLength(1);
  });
});
