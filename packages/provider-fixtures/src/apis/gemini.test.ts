import { describe, expect, it } from 'vitest';
import { FIXTURE_REASONING, FIXTURE_TEXT, FIXTURE_TOOL_CALL } from '../content.ts';
import { exchange, frameJson, frames } from '../test-support.ts';

interface GenerateContentResponse {
  candidates: {
    content: { role: string; parts: { text?: string; thought?: boolean; functionCall?: unknown }[] };
    finishReason?: string;
    index: number;
  }[];
  usageMetadata: {
    promptTokenCount: number;
    candidatesTokenCount: number;
    thoughtsTokenCount?: number;
    totalTokenCount: number;
    cachedContentTokenCount: number;
  };
  modelVersion: string;
}

const streamed = async (options: Parameters<typeof exchange>[1] = {}) => {
  const response = await exchange('gemini', { stream: true, ...options });
  return { response, chunks: frames(response).map((frame) => frameJson<GenerateContentResponse>(frame)) };
};

const partsText = (chunks: readonly GenerateContentResponse[], thought: boolean) =>
  chunks
    .flatMap((chunk) => chunk.candidates[0]?.content.parts ?? [])
    .filter((part) => (part.thought === true) === thought)
    .map((part) => part.text ?? '')
    .join('');

describe('Gemini fixtures (protocols.md §5)', () => {
  it('streams complete GenerateContentResponse chunks with CRLF framing and no [DONE]', async () => {
    const { response, chunks } = await streamed();
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.text.startsWith('data: {')).toBe(true);
    expect(response.text.endsWith('}\r\n\r\n')).toBe(true);
    expect(response.text).not.toContain('[DONE]');
    expect(partsText(chunks, false)).toBe(FIXTURE_TEXT);
    expect(chunks.map((chunk) => chunk.candidates[0]?.finishReason)).toEqual([
      undefined,
      undefined,
      undefined,
      'STOP',
    ]);
    expect(
      chunks.every(
        (chunk) =>
          chunk.candidates[0]?.content.role === 'model' && chunk.modelVersion === 'gemini-3.1-flash-lite',
      ),
    ).toBe(true);
  });

  it('repeats cumulative usage on every chunk, the last one being the final count', async () => {
    const { chunks } = await streamed();
    const totals = chunks.map((chunk) => chunk.usageMetadata.totalTokenCount);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(chunks.at(-1)?.usageMetadata).toEqual({
      promptTokenCount: 24,
      cachedContentTokenCount: 8,
      candidatesTokenCount: 6,
      totalTokenCount: 30,
    });
  });

  it('streams the same chunks as one progressive JSON array when alt=sse is missing', async () => {
    const { chunks } = await streamed();
    const array = await exchange('gemini', { stream: true, sse: false });
    expect(array.headers['content-type']).toBe('application/json');
    expect(JSON.parse(array.text)).toEqual(chunks);
  });

  it('answers generateContent with one response carrying finishReason STOP and usage', async () => {
    const response = await exchange('gemini', {});
    expect(response.streamed).toBe(false);
    expect(JSON.parse(response.text)).toMatchObject({
      candidates: [
        { content: { role: 'model', parts: [{ text: FIXTURE_TEXT }] }, finishReason: 'STOP', index: 0 },
      ],
      usageMetadata: { promptTokenCount: 24, totalTokenCount: 30 },
    });
  });

  it('returns a whole functionCall part (Gemini does not stream arguments)', async () => {
    const { chunks } = await streamed({ scenario: 'tool-call' });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.candidates[0]).toMatchObject({
      content: { parts: [{ functionCall: { name: FIXTURE_TOOL_CALL.name, args: FIXTURE_TOOL_CALL.input } }] },
      finishReason: 'STOP',
    });
  });

  it('streams thought parts before the answer and counts thoughts apart from candidates', async () => {
    const { chunks } = await streamed({ scenario: 'reasoning' });
    expect(partsText(chunks, true)).toBe(FIXTURE_REASONING);
    expect(partsText(chunks, false)).toBe(FIXTURE_TEXT);
    expect(chunks.at(-1)?.usageMetadata).toMatchObject({
      candidatesTokenCount: 6,
      thoughtsTokenCount: 34,
      totalTokenCount: 64,
    });
  });

  it('ends a failing 200 stream with an error object frame', async () => {
    const all = frames(await exchange('gemini', { stream: true, scenario: 'stream-error' }));
    expect(frameJson(all.at(-1))).toEqual({
      error: { code: 503, message: expect.any(String), status: 'UNAVAILABLE' },
    });
  });

  it('truncates a stream so that no chunk carries a finishReason', async () => {
    const { chunks } = await streamed({ scenario: 'stream-truncated' });
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((chunk) => chunk.candidates[0]?.finishReason === undefined)).toBe(true);
    const array = await exchange('gemini', { stream: true, sse: false, scenario: 'stream-truncated' });
    expect(array.text.endsWith(']')).toBe(false);
  });
});
