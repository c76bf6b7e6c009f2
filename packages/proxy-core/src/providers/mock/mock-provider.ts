import type { CanonicalRequest } from '../../canonical/request.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import type { Usage } from '../../canonical/usage.ts';
import { upstreamCode } from '../../errors/catalogue.ts';
import type { Provider, ProviderModel, StreamOptions } from '../provider.ts';
import { ProviderError } from '../provider-error.ts';
import { sleep } from '../sleep.ts';
import { answerDeltas, promptTokens } from './mock-answer.ts';
import type { MockProviderConfig } from './mock-config.ts';
import { scenarioOf, type MockScenario } from './mock-scenario.ts';

const CREATED = 1_735_689_600; // 2025-01-01: fixed so listings are deterministic.

// The mock plays an upstream: its failures carry codes a real upstream sends, passed through as the upstream's own.
function failBeforeStart(scenario: MockScenario, attempt: number, retryAfterMs: number): void {
  if (scenario === 'overloaded' || (scenario === 'flaky' && attempt === 1)) {
    throw new ProviderError({
      status: 503,
      code: upstreamCode('upstream_overloaded'),
      message: 'The mock upstream is overloaded.',
      retryAfterMs,
    });
  }
  if (scenario === 'rate-limited') {
    throw new ProviderError({
      status: 429,
      code: upstreamCode('rate_limit_exceeded'),
      message: 'The mock upstream is rate limited.',
      retryAfterMs,
    });
  }
  if (scenario === 'bad-request') {
    throw new ProviderError({
      status: 400,
      code: upstreamCode('invalid_request_error'),
      message: 'The mock upstream rejected the request.',
    });
  }
}

/** The built-in provider: deterministic answers, paced deltas, and failure modes on request. */
export class MockProvider implements Provider {
  readonly name = 'mock';
  private readonly config: MockProviderConfig;

  constructor(config: MockProviderConfig) {
    this.config = config;
  }

  models(): readonly ProviderModel[] {
    return this.config.models.map((id) => ({ id, displayName: `Mock ${id}`, created: CREATED }));
  }

  supportsModel(model: string): boolean {
    return model === 'mock' || model.startsWith('mock-') || this.config.models.includes(model);
  }

  async *stream(request: CanonicalRequest, { signal, metadata }: StreamOptions): AsyncGenerator<StreamPart> {
    const { chunkCount, chunkSize, chunkIntervalMs } = this.config;
    const scenario = scenarioOf(request);
    failBeforeStart(scenario, metadata.attempt, this.config.retryAfterMs);
    const inputTokens = promptTokens(request);
    let usage: Usage = { inputTokens, outputTokens: 0 };
    yield { type: 'stream-start', warnings: [], usage };
    if (scenario === 'slow-first-token') await sleep(this.config.slowFirstTokenMs, signal);

    if (scenario === 'reasoning') {
      yield { type: 'reasoning-start', id: 'reasoning' };
      for (const delta of ['Thinking about ', 'the question.']) {
        yield { type: 'reasoning-delta', id: 'reasoning', delta };
        usage = {
          ...usage,
          outputTokens: usage.outputTokens + 1,
          reasoningTokens: (usage.reasoningTokens ?? 0) + 1,
        };
      }
      yield { type: 'reasoning-end', id: 'reasoning', metadata: { signature: 'mock-signature' } };
    }

    const tool = request.tools[0];
    if (scenario === 'tool-call' && tool !== undefined) {
      const id = `call_mock_${tool.name}`;
      yield { type: 'tool-input-start', id, toolCallId: id, toolName: tool.name };
      for (const delta of ['{"input":', '"mock"}']) {
        await sleep(chunkIntervalMs, signal);
        yield { type: 'tool-input-delta', id, delta };
      }
      yield { type: 'tool-input-end', id };
      usage = { ...usage, outputTokens: usage.outputTokens + 2 };
      yield { type: 'finish', reason: 'tool_calls', usage };
      return;
    }

    const deltas = answerDeltas(request, chunkCount, chunkSize);
    const limit = request.maxOutputTokens ?? Number.POSITIVE_INFINITY;
    for (const [i, text] of deltas.entries()) {
      if (i > 0) await sleep(chunkIntervalMs, signal);
      if (scenario === 'stall' && i === Math.floor(deltas.length / 2))
        await sleep(this.config.stallMs, signal);
      if (usage.outputTokens >= limit) {
        yield { type: 'finish', reason: 'length', usage };
        return;
      }
      yield { type: 'text-delta', id: 'text', delta: text };
      usage = { ...usage, outputTokens: usage.outputTokens + 1 };
      const halfway = i + 1 === Math.ceil(deltas.length / 2);
      if (halfway && scenario === 'truncate') return;
      if (halfway && scenario === 'fail-midstream') {
        yield {
          type: 'error',
          error: {
            status: 503,
            code: upstreamCode('upstream_overloaded'),
            message: 'The mock upstream failed mid-stream.',
          },
        };
        return;
      }
    }
    yield { type: 'usage', usage };
    yield { type: 'finish', reason: 'stop', usage };
  }
}
