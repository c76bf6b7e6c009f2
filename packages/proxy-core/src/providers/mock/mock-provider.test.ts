import { describe, expect, it, vi } from 'vitest';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { mockProviderConfigSchema } from './mock-config.ts';
import { MockProvider } from './mock-provider.ts';
import { scenarioOf } from './mock-scenario.ts';

const provider = new MockProvider(
  mockProviderConfigSchema.parse({ chunkCount: 3, chunkSize: 5, chunkIntervalMs: 0 }),
);

function req(model: string, text: string): CanonicalRequest {
  return {
    dialect: 'openai-chat',
    target: { requested: model, provider: 'mock', model },
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    tools: [],
    stopSequences: [],
    stream: true,
  };
}

async function run(request: CanonicalRequest): Promise<StreamPart[]> {
  const events: StreamPart[] = [];
  const options = {
    signal: new AbortController().signal,
    metadata: { requestId: 'r', requestedModel: 'm', attempt: 1 },
  };
  for await (const event of provider.stream(request, options)) events.push(event);
  return events;
}

describe('MockProvider', () => {
  it('streams count × size character deltas with usage', async () => {
    const events = await run(req('mock-small', 'hi'));
    expect(events).toEqual([
      { type: 'stream-start', warnings: [], usage: { inputTokens: 1, outputTokens: 0 } },
      { type: 'text-delta', id: 'text', delta: 'Mock ' },
      { type: 'text-delta', id: 'text', delta: 'answe' },
      { type: 'text-delta', id: 'text', delta: 'r to ' },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 3 } },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 3 } },
    ]);
  });

  it('paces its deltas chunkIntervalMs apart (on a fake clock: no wall-clock assertion)', async () => {
    vi.useFakeTimers();
    try {
      const paced = new MockProvider(
        mockProviderConfigSchema.parse({ chunkCount: 3, chunkSize: 5, chunkIntervalMs: 1_000 }),
      );
      const deltas: string[] = [];
      const options = {
        signal: new AbortController().signal,
        metadata: { requestId: 'r', requestedModel: 'm', attempt: 1 },
      };
      const consumed = (async () => {
        for await (const event of paced.stream(req('mock-small', 'hi'), options)) {
          if (event.type === 'text-delta') deltas.push(event.delta);
        }
      })();
      await vi.advanceTimersByTimeAsync(0);
      expect(deltas).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(999);
      expect(deltas).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(deltas).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(deltas).toHaveLength(3);
      await consumed;
    } finally {
      vi.useRealTimers();
    }
  });

  it('chooses failure modes by model name first, then by prompt directive', () => {
    expect(scenarioOf(req('mock-truncate', '[mock:stall]'))).toBe('truncate');
    expect(scenarioOf(req('mock-small', 'please [mock:fail-midstream]'))).toBe('fail-midstream');
    expect(scenarioOf(req('mock-small', '[mock:unknown]'))).toBe('normal');
  });

  it('fails midstream with an error event and truncates without a terminal event', async () => {
    expect((await run(req('mock-small', '[mock:fail-midstream]'))).at(-1)).toMatchObject({
      type: 'error',
      error: { status: 503 },
    });
    const truncated = await run(req('mock-truncate', 'x'));
    expect(truncated.some((event) => event.type === 'finish' || event.type === 'error')).toBe(false);
  });

  it('throws rate-limit errors before the first event', async () => {
    await expect(run(req('mock-rate-limited', 'x'))).rejects.toMatchObject({ status: 429, retryAfterMs: 50 });
  });

  it('lists its configured models and serves any mock-* name', () => {
    expect(provider.models().map((model) => model.id)).toEqual(['mock-small', 'mock-large']);
    expect(provider.supportsModel('mock-anything')).toBe(true);
    expect(provider.supportsModel('gpt-4o')).toBe(false);
  });
});
