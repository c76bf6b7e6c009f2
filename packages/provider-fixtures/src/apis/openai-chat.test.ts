import { describe, expect, it } from 'vitest';
import { FIXTURE_REASONING, FIXTURE_TEXT, FIXTURE_TOOL_CALL } from '../content.ts';
import type { ProviderId } from '../providers.ts';
import { exchange, frameJson, frames } from '../test-support.ts';
import type { SseFrame } from '../sse.ts';

interface ChatChunk {
  object: string;
  model: string;
  choices: {
    index: number;
    delta: {
      role?: string;
      content?: string | null;
      reasoning_content?: string;
      tool_calls?: { index: number; id?: string; function: { name?: string; arguments: string } }[];
    };
    finish_reason: string | null;
  }[];
  usage?: Record<string, unknown> | null;
}

const CHAT_PROVIDERS: ProviderId[] = ['openai', 'kimi', 'qwen', 'deepseek'];

function chunks(all: readonly SseFrame[]): ChatChunk[] {
  expect(all.at(-1)?.data).toBe('[DONE]');
  return all.slice(0, -1).map((frame) => frameJson<ChatChunk>(frame));
}

const deltas = (all: readonly ChatChunk[]) =>
  all.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));

describe.each(CHAT_PROVIDERS)('Chat Completions fixtures for %s (protocols.md §3)', (provider) => {
  const chat = (options: Parameters<typeof exchange>[1]) =>
    exchange(provider, { api: 'openai-chat', ...options });

  it('streams role, content fragments and a finish chunk, then data: [DONE] and no usage unless asked', async () => {
    const all = chunks(frames(await chat({ stream: true, body: { model: 'some-model' } })));
    expect(
      all.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'some-model'),
    ).toBe(true);
    expect(all[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(
      deltas(all)
        .map((delta) => delta.content ?? '')
        .join(''),
    ).toBe(FIXTURE_TEXT);
    expect(all.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'stop',
    ]);
    expect(all.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('adds the usage chunk with empty choices last when stream_options.include_usage is set', async () => {
    const body = { stream_options: { include_usage: true } };
    const all = chunks(frames(await chat({ stream: true, body })));
    const last = all.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({
      prompt_tokens: 24,
      completion_tokens: 6,
      total_tokens: 30,
      prompt_tokens_details: { cached_tokens: 8 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(all.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('answers a non-streamed request with a chat.completion and finish_reason stop', async () => {
    const body = JSON.parse((await chat({})).text) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: FIXTURE_TEXT }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 24, completion_tokens: 6, prompt_tokens_details: { cached_tokens: 8 } },
    });
  });

  it('streams a tool call: id and name first, arguments in pieces keyed by index, finish tool_calls', async () => {
    const all = chunks(frames(await chat({ stream: true, scenario: 'tool-call' })));
    const calls = deltas(all).flatMap((delta) => delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: 'call_fixture_0001',
      function: { name: FIXTURE_TOOL_CALL.name },
    });
    expect(calls.slice(1).every((call) => call.index === 0 && call.id === undefined)).toBe(true);
    expect(calls.map((call) => call.function.arguments).join('')).toBe(FIXTURE_TOOL_CALL.arguments);
    expect(all.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('returns a non-streamed tool call in message.tool_calls', async () => {
    const body = JSON.parse((await chat({ scenario: 'tool-call' })).text) as Record<string, unknown>;
    expect(body).toMatchObject({
      choices: [
        {
          message: {
            content: null,
            tool_calls: [{ type: 'function', function: FIXTURE_TOOL_CALL_FUNCTION }],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
  });

  it('reports reasoning tokens, and reasoning text only where the provider streams reasoning_content', async () => {
    const body = { stream_options: { include_usage: true } };
    const all = chunks(frames(await chat({ stream: true, scenario: 'reasoning', body })));
    const reasoning = deltas(all)
      .map((delta) => delta.reasoning_content ?? '')
      .join('');
    expect(reasoning).toBe(provider === 'openai' ? '' : FIXTURE_REASONING);
    expect(all.at(-1)?.usage).toMatchObject({
      completion_tokens: 40,
      completion_tokens_details: { reasoning_tokens: 34 },
    });
  });

  it('sends an error object inside a 200 stream and never [DONE]', async () => {
    const response = await chat({ stream: true, scenario: 'stream-error' });
    const all = frames(response);
    expect(response.status).toBe(200);
    expect(all.map((frame) => frame.data)).not.toContain('[DONE]');
    expect(frameJson(all.at(-1))).toEqual({
      error: { message: expect.any(String), type: 'server_error', param: null, code: 'server_error' },
    });
  });

  it('truncates a stream without a finish_reason or [DONE]', async () => {
    const all = frames(await chat({ stream: true, scenario: 'stream-truncated' }));
    expect(all.map((frame) => frame.data)).not.toContain('[DONE]');
    const parsed = all.map((frame) => frameJson<ChatChunk>(frame));
    expect(parsed.every((chunk) => chunk.choices[0]?.finish_reason === null)).toBe(true);
    expect(parsed.at(-1)?.choices[0]?.delta.content).toBe('Hello');
  });
});

const FIXTURE_TOOL_CALL_FUNCTION = { name: FIXTURE_TOOL_CALL.name, arguments: FIXTURE_TOOL_CALL.arguments };

describe('DeepSeek usage', () => {
  it('reports its context cache as hit and miss counts as well', async () => {
    const body = JSON.parse((await exchange('deepseek', {})).text) as { usage: Record<string, number> };
    expect(body.usage).toMatchObject({ prompt_cache_hit_tokens: 8, prompt_cache_miss_tokens: 16 });
  });
});
