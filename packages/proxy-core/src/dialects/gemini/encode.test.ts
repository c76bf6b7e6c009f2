import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { upstreamCode } from '../../errors/catalogue.ts';
import type { OutboundEvent } from '../../streaming/outbound.ts';
import { encoderInput } from '../../streaming/testing-parts.ts';
import { encodeGenerateContentResponse } from './encode-response.ts';
import { GenerateContentStreamEncoder } from './encode-stream.ts';

const envelope = { responseId: 'r1', modelVersion: 'openai/gpt-4o' };
const usage = { inputTokens: 10, outputTokens: 7, reasoningTokens: 3, cachedInputTokens: 4 };

describe('encodeGenerateContentResponse', () => {
  it('answers a GenerateContentResponse with usageMetadata split as Gemini counts it', () => {
    const body = encodeGenerateContentResponse(
      { output: [{ type: 'text', text: 'Hi.' }], finishReason: 'length', usage },
      envelope,
      false,
    );
    expect(body).toEqual({
      candidates: [
        { content: { role: 'model', parts: [{ text: 'Hi.' }] }, finishReason: 'MAX_TOKENS', index: 0 },
      ],
      usageMetadata: {
        promptTokenCount: 10,
        candidatesTokenCount: 4,
        thoughtsTokenCount: 3,
        cachedContentTokenCount: 4,
        totalTokenCount: 17,
      },
      modelVersion: 'openai/gpt-4o',
      responseId: 'r1',
    });
  });

  it('shows thoughts only when asked, and puts a Gemini call signature back on its call', () => {
    const response = {
      output: [
        { type: 'reasoning' as const, text: 'hmm', signature: 'sig', issuer: 'gemini' as const },
        { type: 'tool_call' as const, id: 'c1', name: 'weather', arguments: '{"city":"Paris"}' },
      ],
      finishReason: 'tool_calls' as const,
      usage,
    };
    const parts = (includeThoughts: boolean) =>
      (
        encodeGenerateContentResponse(response, envelope, includeThoughts) as {
          candidates: { content: unknown }[];
        }
      ).candidates[0]?.content;
    const call = {
      functionCall: { id: 'c1', name: 'weather', args: { city: 'Paris' } },
      thoughtSignature: 'sig',
    };
    expect(parts(false)).toEqual({ role: 'model', parts: [call] });
    expect(parts(true)).toEqual({ role: 'model', parts: [{ text: 'hmm', thought: true }, call] });
  });
});

function encodeAll(events: readonly StreamPart[], includeThoughts = false): OutboundEvent[] {
  const encoder = new GenerateContentStreamEncoder(envelope, includeThoughts);
  return encoderInput(events).flatMap((part) => encoder.encode(part));
}

describe('GenerateContentStreamEncoder', () => {
  it('sends text as it comes and ends with finishReason and usage', () => {
    const frames = encodeAll([
      { type: 'stream-start', warnings: [] },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 2, outputTokens: 2 } },
    ]);
    expect(frames.map((frame) => frame.data)).toEqual([
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }], ...envelope },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, index: 0 }], ...envelope },
      {
        candidates: [{ finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 2, totalTokenCount: 4 },
        ...envelope,
      },
    ]);
  });

  it('sends a function call whole, once its arguments are complete', () => {
    const frames = encodeAll([
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-delta', id: 'r', delta: 'hidden' },
      { type: 'tool-input-start', id: 't0', toolCallId: 'c1', toolName: 'weather' },
      { type: 'tool-input-delta', id: 't0', delta: '{"city":' },
      { type: 'tool-input-delta', id: 't0', delta: '"Paris"}' },
      { type: 'finish', reason: 'tool_calls', usage: { inputTokens: 2, outputTokens: 2 } },
    ]);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.data).toMatchObject({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ functionCall: { id: 'c1', name: 'weather', args: { city: 'Paris' } } }],
          },
          finishReason: 'STOP',
        },
      ],
    });
  });

  it("reports a failure as a chunk holding Google's error", () => {
    const frames = encodeAll([
      { type: 'stream-start', warnings: [] },
      { type: 'error', error: { status: 429, code: upstreamCode('rate_limited'), message: 'slow down' } },
    ]);
    expect(frames.map((frame) => frame.data)).toEqual([
      { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } },
    ]);
  });
});
