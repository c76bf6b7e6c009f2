import { afterEach, describe, expect, it } from 'vitest';
import { sse } from './testing/loopback-upstream.ts';
import { startPlaneWithUpstream, type PlaneWithUpstream } from './testing/plane-with-upstream.ts';

let rig: PlaneWithUpstream | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** More than any pool a client library would default to per origin (undici's is unlimited; Node's agent was 5 once). */
const STREAMS = 24;
/** Each upstream stream stays open this long after its headers: far longer than the test waits for arrivals. */
const HOLD_MS = 10_000;

describe('the upstream transport never caps concurrent streams', () => {
  it(`opens ${STREAMS} upstream streams at once while each of them is still being held open`, async () => {
    rig = await startPlaneWithUpstream((baseUrl) => ({
      deepseek: { baseUrl: `${baseUrl}/deepseek/v1`, keys: ['deepseek-key'] },
    }));
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      bodyDelayMs: HOLD_MS,
      chunks: [sse.data('[DONE]')],
    }));
    const clients = new AbortController();
    const requests = Array.from({ length: STREAMS }, () =>
      fetch(`${rig?.plane.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'deepseek/deepseek-v3',
          stream: true,
          messages: [{ role: 'user', content: 'hold' }],
        }),
        signal: clients.signal,
      }).catch(() => undefined),
    );
    try {
      // Every stream reached the upstream while none had finished: no pool queued one behind another.
      await expect
        .poll(() => rig?.upstream.requests.length, { timeout: HOLD_MS / 2, interval: 20 })
        .toBe(STREAMS);
    } finally {
      clients.abort();
      await Promise.all(requests);
    }
  });
});
