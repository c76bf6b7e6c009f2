import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TEXT } from '@switchyard/provider-fixtures';
import { startChain, UPSTREAM_MODEL, type Chain } from './topology.ts';
import { connectWs, readWsUntil, type WsEvent } from './ws-client.ts';

// Paced so that the drop lands after the first delta and well before response.completed.
const CHUNK_DELAY_MS = 200;
const EVENT_TIMEOUT_MS = 3_000;
const CREATE = { type: 'response.create', model: UPSTREAM_MODEL, input: 'hi' } as const;

const isDelta = (event: WsEvent): boolean => event.type === 'response.output_text.delta';
const isTerminal = (event: WsEvent): boolean =>
  ['response.completed', 'response.failed', 'response.incomplete', 'error'].includes(event.type);

describe('chaos:ws-drop-reconnect — toxiproxy in front drops a Responses WebSocket mid-response; reconnect and HTTP fallback finish the work once', () => {
  let chain: Chain;
  let wsUrl: string;

  beforeAll(async () => {
    chain = await startChain({ toxiproxyAt: 'front', chunkDelayMs: CHUNK_DELAY_MS });
    wsUrl = `${chain.clientUrl.replace('http://', 'ws://')}/v1/responses`;
  });
  afterAll(async () => {
    await chain?.close();
  });

  it('the client sees the drop mid-response, then a reconnected response.create completes with no lost or duplicated events', async () => {
    const first = await connectWs(wsUrl, EVENT_TIMEOUT_MS);
    first.send(CREATE);
    const head = await readWsUntil(first, isDelta, EVENT_TIMEOUT_MS);
    expect(head.some(isDelta)).toBe(true);

    await chain.setLinkEnabled(false);
    const code = await first.closed;
    const afterDrop = await readWsUntil(first, () => false, EVENT_TIMEOUT_MS);
    // An abnormal close (1006: no close frame) is one the OpenAI SDK treats as recoverable.
    expect(code).toBe(1006);
    expect([...head, ...afterDrop].some(isTerminal)).toBe(false);

    // While the hop is down, connecting fails: the client cannot mistake it for a live server.
    await expect(connectWs(wsUrl, EVENT_TIMEOUT_MS)).rejects.toThrow();

    await chain.setLinkEnabled(true);
    const second = await connectWs(wsUrl, EVENT_TIMEOUT_MS);
    try {
      second.send(CREATE);
      const events = await readWsUntil(second, isTerminal, EVENT_TIMEOUT_MS);
      expect(events.at(-1)?.type).toBe('response.completed');
      expect(
        events
          .filter(isDelta)
          .map((event) => event['delta'])
          .join(''),
      ).toBe(FIXTURE_TEXT);
      // A fresh connection starts a fresh sequence: 0, 1, 2, … with nothing missing or repeated.
      expect(events.map((event) => event['sequence_number'])).toEqual(events.map((_event, index) => index));
    } finally {
      second.close();
    }
  });

  it('the HTTP fallback with an Idempotency-Key finishes the response, and its retry replays without a second upstream call', async () => {
    const post = () =>
      fetch(`${chain.clientUrl}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'chaos-ws-fallback-0001' },
        body: JSON.stringify({ model: UPSTREAM_MODEL, input: 'hi' }),
        signal: AbortSignal.timeout(EVENT_TIMEOUT_MS * 2),
      });
    const upstreamCallsBefore = chain.upstream.requests('deepseek').length;

    const original = await post();
    const originalBody = (await original.json()) as { id?: string; status?: string };
    expect(original.status).toBe(200);
    expect(originalBody.status).toBe('completed');
    expect(original.headers.get('idempotent-replayed')).toBeNull();
    expect(chain.upstream.requests('deepseek').length).toBe(upstreamCallsBefore + 1);

    const retried = await post();
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await retried.json()).toEqual(originalBody);
    expect(chain.upstream.requests('deepseek').length).toBe(upstreamCallsBefore + 1);
  });
});
