import { describe, expect, it } from 'vitest';
import { folded } from '../../streaming/testing-parts.ts';
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
      const events = decodeInSlices(body, new GenerateContentDecoder(), seed);
      expect(events[0]).toEqual({ type: 'stream-start', warnings: [] });
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls', rawReason: 'STOP', usage });
      expect(folded(events)?.output).toEqual([
        { type: 'reasoning', text: 'Thinking…' },
        { type: 'text', text: 'Bonjour ' },
        { type: 'tool_call', id: 'call_0', name: 'get_weather', arguments: '{"city":"Paris"}' },
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
      modelVersion: 'gemini-2.5-pro-001',
      responseId: 'r-1',
    });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'STOP',
      usage: { inputTokens: 12, outputTokens: 10, reasoningTokens: 4, cachedInputTokens: 3 },
    });
    expect(events).toContainEqual({ type: 'response-metadata', modelId: 'gemini-2.5-pro-001', id: 'r-1' });
    expect(folded(events)?.output).toEqual([{ type: 'text', text: 'hi' }]);
  });
});
