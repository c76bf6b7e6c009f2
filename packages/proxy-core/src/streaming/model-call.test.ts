import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/request.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import { upstreamCode } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { CENSOR, SecretScrubber } from '../secrets/secret-scrubber.ts';
import { CircuitBreakers } from './circuit-breakers.ts';
import { openModelCall, type ModelCallOptions } from './model-call.ts';
import { encoderInput } from './testing-parts.ts';
import { FINISH, ScriptedProvider, START, TEXT, type Step } from './testing-providers.ts';

/** Assembled at run time so no key-shaped literal sits in the repository. */
const UPSTREAM_KEY = ['sk', 'test', 'upstream', 'Zq8Xw2Lr5Tn9Vb4Kp7'].join('-');

const request: CanonicalRequest = {
  dialect: 'openai-chat',
  target: { requested: 'scripted', provider: 'scripted', model: 'scripted' },
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [],
  stopSequences: [],
  stream: true,
};

function options(provider: ScriptedProvider, overrides: Partial<ModelCallOptions> = {}): ModelCallOptions {
  return {
    provider,
    request,
    deadlines: {
      connectTimeoutMs: 1000,
      firstTokenTimeoutMs: 1000,
      idleTimeoutMs: 1000,
      totalTimeoutMs: 5000,
    },
    retries: { maxRetries: 2, baseBackoffMs: 1, maxBackoffMs: 2 },
    metadata: { requestId: 'r1', requestedModel: 'scripted' },
    controller: new AbortController(),
    startedAt: performance.now(),
    random: () => 0.5,
    scrubber: new SecretScrubber([UPSTREAM_KEY]),
    ...overrides,
  };
}

async function drain(events: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const overloaded = (): ProviderError =>
  new ProviderError({ status: 503, code: upstreamCode('overloaded'), message: 'busy', retryAfterMs: 1 });

describe('openModelCall', () => {
  it('relays a well-formed stream and records usage and time to first token', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, FINISH]);
    const call = await openModelCall(options(provider));
    expect(await drain(call.events)).toEqual(encoderInput([START, TEXT, FINISH]));
    expect(call.stats).toMatchObject({
      outcome: 'success',
      attempts: 1,
      usage: FINISH.type === 'finish' ? FINISH.usage : {},
    });
    expect(call.stats.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('retries failures before the first event, passing the attempt number', async () => {
    const provider = new ScriptedProvider('scripted', (attempt) =>
      attempt < 3 ? [overloaded()] : [START, FINISH],
    );
    const call = await openModelCall(options(provider));
    expect(await drain(call.events)).toEqual(encoderInput([START, FINISH]));
    expect(provider.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up after maxRetries with the provider status', async () => {
    const provider = new ScriptedProvider('scripted', () => [overloaded()]);
    const error: unknown = await openModelCall(options(provider)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).spec).toMatchObject({
      status: 503,
      code: 'overloaded',
      retryAfterSeconds: 0.001,
    });
    expect(provider.calls).toHaveLength(3);
  });

  it('does not retry when the upstream asks for a wait too long to hold the client, and passes the hint on', async () => {
    const provider = new ScriptedProvider('scripted', () => [
      new ProviderError({
        status: 429,
        code: upstreamCode('rate_limit_exceeded'),
        message: 'slow down',
        retryAfterMs: 120_000,
      }),
    ]);
    const error: unknown = await openModelCall(options(provider)).catch((e: unknown) => e);
    expect((error as ApiError).spec).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(provider.calls).toHaveLength(1);
  });

  it('never waits past the request’s deadline: a hint the first-token budget cannot hold fails at once', async () => {
    const provider = new ScriptedProvider('scripted', () => [
      new ProviderError({
        status: 429,
        code: upstreamCode('rate_limit_exceeded'),
        message: 'slow down',
        retryAfterMs: 5_000,
      }),
    ]);
    const deadlines = {
      connectTimeoutMs: 1000,
      firstTokenTimeoutMs: 1000,
      idleTimeoutMs: 0,
      totalTimeoutMs: 0,
    };
    const error: unknown = await openModelCall(options(provider, { deadlines })).catch((e: unknown) => e);
    expect((error as ApiError).spec).toMatchObject({ status: 429, retryAfterSeconds: 5 });
    expect(provider.calls).toHaveLength(1);
  });

  it('never retries a deterministic 4xx', async () => {
    const provider = new ScriptedProvider('scripted', () => [
      new ProviderError({ status: 400, code: upstreamCode('bad'), message: 'bad' }),
    ]);
    await expect(openModelCall(options(provider))).rejects.toMatchObject({ spec: { status: 400 } });
    expect(provider.calls).toHaveLength(1);
  });

  it('never retries once the first event was delivered: a later failure is an error event', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, overloaded()]);
    const call = await openModelCall(options(provider));
    const events = await drain(call.events);
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: expect.objectContaining({ status: 503, code: 'overloaded' }),
    });
    expect(provider.calls).toHaveLength(1);
  });

  it('turns an unexpected exception into a 502: thrown before content, an error event after it', async () => {
    const early = new ScriptedProvider('scripted', () => [START, new TypeError('boom')]);
    await expect(openModelCall(options(early))).rejects.toMatchObject({
      spec: { status: 502, code: 'upstream_error' },
    });
    const late = new ScriptedProvider('scripted', () => [START, TEXT, new TypeError('boom')]);
    const events = await drain((await openModelCall(options(late))).events);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { status: 502, code: 'upstream_error' } });
  });

  it('holds the opening events back until content, so an in-band error or a cut before content is retried', async () => {
    const provider = new ScriptedProvider('scripted', (attempt) => {
      if (attempt === 1)
        return [
          START,
          { type: 'error', error: { status: 529, code: upstreamCode('overloaded'), message: 'busy' } },
        ];
      if (attempt === 2) return [START]; // cut before any content
      return [START, TEXT, FINISH];
    });
    const call = await openModelCall(
      options(provider, { retries: { maxRetries: 2, baseBackoffMs: 1, maxBackoffMs: 1 } }),
    );
    expect(await drain(call.events)).toEqual(encoderInput([START, TEXT, FINISH]));
    expect(call.stats.attempts).toBe(3);
  });

  it('fails over to the next target when one fails before the first byte, and names the one that served', async () => {
    const primary = new ScriptedProvider('primary', () => [overloaded()]);
    const silent = new ScriptedProvider('silent', () => ['hang']);
    const fallback = new ScriptedProvider('fallback', () => [START, TEXT, FINISH]);
    const quick = { connectTimeoutMs: 20, firstTokenTimeoutMs: 0, idleTimeoutMs: 0, totalTimeoutMs: 0 };
    const call = await openModelCall(
      options(primary, {
        retries: { maxRetries: 1, baseBackoffMs: 1, maxBackoffMs: 1 },
        fallbacks: [
          { provider: silent, request, deadlines: quick },
          { provider: fallback, request, deadlines: quick },
        ],
      }),
    );
    expect(await drain(call.events)).toEqual(encoderInput([START, TEXT, FINISH]));
    expect(call.served.provider.name).toBe('fallback');
    expect(call.stats).toMatchObject({ fallbacksUsed: 2, attempts: 4 });
    expect(primary.calls).toHaveLength(2); // its own retry first
    expect(silent.abortedAt).toBeDefined(); // the silent target was hung up on, not retried
    expect(silent.calls).toHaveLength(1);
  });

  it('gives a fallback after a silent primary its own whole first-token deadline (the total bounds the chain)', async () => {
    const silent = new ScriptedProvider('silent', () => [START, 'hang']);
    // Slower than what the request's first-token budget still has left when the primary is given up on.
    const slow = new ScriptedProvider('slow', () => [START, { sleepMs: 60 }, TEXT, FINISH]);
    const deadlines = {
      connectTimeoutMs: 0,
      firstTokenTimeoutMs: 100,
      idleTimeoutMs: 0,
      totalTimeoutMs: 2_000,
    };
    const call = await openModelCall(
      options(silent, { deadlines, fallbacks: [{ provider: slow, request, deadlines }] }),
    );
    expect(await drain(call.events)).toEqual(encoderInput([START, TEXT, FINISH]));
    expect(call.served.provider.name).toBe('slow');
    expect(call.stats.ttftMs).toBeGreaterThanOrEqual(150); // measured from the request's arrival
  });

  it('fails over on a prompt too long for the target (S12): one attempt, no retry, and its circuit does not count it', async () => {
    const small = new ScriptedProvider('small', () => [
      new ProviderError({ status: 400, code: 'context_length_exceeded', message: 'maximum context length' }),
    ]);
    const large = new ScriptedProvider('large', () => [START, TEXT, FINISH]);
    const circuits = new CircuitBreakers({ failureThreshold: 1, openMs: 60_000 });
    const deadlines = options(small).deadlines;
    const call = await openModelCall(
      options(small, { circuits, fallbacks: [{ provider: large, request, deadlines }] }),
    );
    expect(await drain(call.events)).toEqual(encoderInput([START, TEXT, FINISH]));
    expect(call.served.provider.name).toBe('large');
    expect(small.calls).toHaveLength(1);
    expect(circuits.openTargets()).toEqual([]);
  });

  it('never fails over on a deterministic 4xx, and never once content has gone out', async () => {
    const bad = new ScriptedProvider('bad', () => [
      new ProviderError({ status: 400, code: upstreamCode('bad'), message: 'bad' }),
    ]);
    const spare = new ScriptedProvider('spare', () => [START, TEXT, FINISH]);
    const target = { provider: spare, request, deadlines: options(spare).deadlines };
    await expect(openModelCall(options(bad, { fallbacks: [target] }))).rejects.toMatchObject({
      spec: { status: 400 },
    });
    expect(spare.calls).toHaveLength(0);
    const cut = new ScriptedProvider('cut', () => [START, TEXT, overloaded()]);
    const events = await drain((await openModelCall(options(cut, { fallbacks: [target] }))).events);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { status: 503 } });
    expect(spare.calls).toHaveLength(0);
  });

  it('turns a stream that ends without a terminal event into stream_truncated', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT]);
    const call = await openModelCall(options(provider));
    expect((await drain(call.events)).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'stream_truncated', status: 502 },
    });
    expect(call.stats.outcome).toBe('failed');
  });

  it('enforces the connect timeout before the first event', async () => {
    const provider = new ScriptedProvider('scripted', () => ['hang']);
    const deadlines = { connectTimeoutMs: 20, firstTokenTimeoutMs: 0, idleTimeoutMs: 0, totalTimeoutMs: 0 };
    await expect(openModelCall(options(provider, { deadlines }))).rejects.toMatchObject({
      spec: { status: 504, code: 'upstream_connect_timeout' },
    });
    expect(provider.abortedAt).toBeDefined();
  });

  it('answers a first token that never comes with 504 first_token_timeout, before any byte, and aborts upstream', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, 'hang']);
    const deadlines = { connectTimeoutMs: 0, firstTokenTimeoutMs: 20, idleTimeoutMs: 0, totalTimeoutMs: 0 };
    await expect(openModelCall(options(provider, { deadlines }))).rejects.toMatchObject({
      spec: { status: 504, code: 'first_token_timeout' },
    });
    expect(provider.abortedAt).toBeDefined();
  });

  it.each<[string, Step[], Partial<ModelCallOptions['deadlines']>, string]>([
    ['idle', [START, TEXT, 'hang'], { idleTimeoutMs: 20 }, 'stream_idle_timeout'],
    ['total', [START, TEXT, 'hang'], { totalTimeoutMs: 30 }, 'deadline_exceeded'],
    [
      'idle, provider ignoring its signal',
      [START, TEXT, 'hang-ignoring-signal'],
      { idleTimeoutMs: 20 },
      'stream_idle_timeout',
    ],
  ])(
    'enforces the %s deadline as an error event and aborts upstream',
    async (_name, script, deadline, code) => {
      const provider = new ScriptedProvider('scripted', () => script);
      const deadlines = {
        connectTimeoutMs: 0,
        firstTokenTimeoutMs: 0,
        idleTimeoutMs: 0,
        totalTimeoutMs: 0,
        ...deadline,
      };
      const events = await drain((await openModelCall(options(provider, { deadlines }))).events);
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { status: 504, code } });
      expect(provider.abortedAt).toBeDefined();
    },
  );

  it('aborts the upstream when the consumer stops early (client gone)', async () => {
    const provider = new ScriptedProvider('scripted', () => [START, TEXT, 'hang']);
    const call = await openModelCall(options(provider));
    for await (const event of call.events) {
      if (event.type === 'text-delta') break;
    }
    expect(provider.abortedAt).toBeDefined();
    expect(call.stats.outcome).toBe('client_gone');
  });

  describe('every failure leaves the call through the client-safe gate', () => {
    const echo = `Incorrect API key provided: ${UPSTREAM_KEY} (sk-test-upst****Kp7)`;

    it('scrubs upstream text of a failure before the first event', async () => {
      const provider = new ScriptedProvider('scripted', () => [
        new ProviderError({ status: 400, code: upstreamCode('bad'), message: echo }),
      ]);
      const error = (await openModelCall(options(provider)).catch((e: unknown) => e)) as ApiError;
      expect(error.spec.message).toBe(`Incorrect API key provided: ${CENSOR} (${CENSOR})`);
    });

    it('scrubs an in-band error event and a thrown mid-stream error alike', async () => {
      const inBand = new ScriptedProvider('scripted', () => [
        START,
        TEXT,
        { type: 'error', error: { status: 500, code: upstreamCode('server_error'), message: echo } },
      ]);
      const thrown = new ScriptedProvider('scripted', () => [
        START,
        TEXT,
        new ProviderError({ status: 500, code: upstreamCode('x'), message: echo }),
      ]);
      for (const provider of [inBand, thrown]) {
        const last = (await drain((await openModelCall(options(provider))).events)).at(-1);
        expect(JSON.stringify(last)).not.toContain('Zq8Xw2Lr');
        expect(last).toMatchObject({ type: 'error', error: { message: expect.stringContaining(CENSOR) } });
      }
    });

    it('turns a mid-stream 401/403 into the proxy’s own final 502, without the upstream text', async () => {
      const provider = new ScriptedProvider('scripted', () => [
        START,
        TEXT,
        { type: 'error', error: { status: 401, code: upstreamCode('authentication_error'), message: echo } },
      ]);
      const last = (await drain((await openModelCall(options(provider))).events)).at(-1);
      expect(last).toEqual({
        type: 'error',
        error: {
          status: 502,
          code: 'upstream_authentication_failed',
          retryable: false,
          message: expect.stringContaining('modelPlane.providers.scripted.keys') as unknown,
        },
      });
      expect(JSON.stringify(last)).not.toContain('Incorrect API key');
    });
  });
});
