import { describe, expect, it } from 'vitest';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { decodeGenerateContentResponse } from './decode-response.ts';
import { GenerateContentDecoder } from './decode-stream.ts';

const part = (parts: unknown[], extra: Record<string, unknown> = {}): string =>
  sse.data({ candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }] });

const USAGE = {
  promptTokenCount: 12,
  candidatesTokenCount: 6,
  thoughtsTokenCount: 4,
  cachedContentTokenCount: 3,
  totalTokenCount: 22,
};

describe('GenerateContentDecoder', () => {
  it('decodes thoughts, text, whole function calls, usage and finishReason — for any chunk boundaries', () => {
    const body =
      part([{ text: 'Thinking…', thought: true }]) +
      part([{ text: 'Bonjour ' }]) +
      part([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }], { finishReason: 'STOP' }) +
      sse.data({ candidates: [], usageMetadata: USAGE });
    const usage = { inputTokens: 12, outputTokens: 10, reasoningTokens: 4, cachedInputTokens: 3 };
    for (let seed = 1; seed <= 50; seed += 1) {
      expect(decodeInSlices(body, new GenerateContentDecoder(), seed)).toEqual([
        { type: 'start' },
        { type: 'reasoning_delta', text: 'Thinking…' },
        { type: 'text_delta', text: 'Bonjour ' },
        { type: 'tool_call_start', index: 0, id: 'call_0', name: 'get_weather' },
        { type: 'tool_call_delta', index: 0, argumentsDelta: '{"city":"Paris"}' },
        { type: 'usage', usage },
        { type: 'finish', reason: 'tool_calls', usage },
      ]);
    }
  });

  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
  ])('maps finishReason %s', (finishReason, reason) => {
    expect(
      decodeInSlices(part([{ text: 'x' }], { finishReason }), new GenerateContentDecoder(), 1).at(-1),
    ).toMatchObject({ type: 'finish', reason });
  });

  it('treats a body cut before any finishReason as truncated, and an error frame as an error event', () => {
    const cut = decodeInSlices(part([{ text: 'x' }]), new GenerateContentDecoder(), 1);
    expect(cut.some((event) => event.type === 'finish' || event.type === 'error')).toBe(false);
    const failed = decodeInSlices(
      part([{ text: 'x' }]) +
        sse.data({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }),
      new GenerateContentDecoder(),
      1,
    );
    expect(failed.at(-1)).toEqual({
      type: 'error',
      error: { status: 503, code: 'UNAVAILABLE', message: 'gemini upstream failed mid-stream: overloaded' },
    });
  });

  it('decodes a non-streamed generateContent body the same way', () => {
    const events = decodeGenerateContentResponse({
      candidates: [{ content: { parts: [{ text: 'hi' }] }, finishReason: 'STOP' }],
      usageMetadata: USAGE,
    });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 12, outputTokens: 10, reasoningTokens: 4, cachedInputTokens: 3 },
    });
    expect(events).toContainEqual({ type: 'text_delta', text: 'hi' });
  });
});
