import { describe, expect, it } from 'vitest';
import { MessagesStreamEncoder } from './encode-stream.ts';

describe('MessagesStreamEncoder usage', () => {
  it('splits cache reads and writes out of input_tokens the same way in message_start and message_delta', () => {
    const encoder = new MessagesStreamEncoder({ id: 'msg_1', model: 'claude-sonnet-4-6' });
    const start = encoder.encode({
      type: 'start',
      inputTokens: 16,
      cachedInputTokens: 5,
      cacheWriteInputTokens: 1,
    });
    encoder.encode({ type: 'text_delta', text: 'hi' });
    const end = encoder.encode({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 16, outputTokens: 4, cachedInputTokens: 5, cacheWriteInputTokens: 1 },
    });
    const split = { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 1 };
    expect(start[0]?.data).toMatchObject({ message: { usage: { ...split, output_tokens: 0 } } });
    expect(end.find((event) => event.event === 'message_delta')?.data).toMatchObject({
      usage: { ...split, output_tokens: 4 },
    });
  });
});

describe('MessagesStreamEncoder reasoning blocks', () => {
  it("ends a thinking block at another provider's proof without sending it, as the non-streamed answer does", () => {
    const encoder = new MessagesStreamEncoder({ id: 'msg_1', model: 'gpt-5-codex-mini' });
    const events = [
      encoder.encode({ type: 'start' }),
      encoder.encode({ type: 'reasoning_delta', text: 'first' }),
      encoder.encode({ type: 'reasoning_signature', signature: 'enc-1', issuer: 'openai' }),
      encoder.encode({ type: 'reasoning_delta', text: 'second' }),
      encoder.encode({ type: 'reasoning_signature', signature: 'enc-2', issuer: 'openai' }),
      encoder.encode({ type: 'text_delta', text: 'answer' }),
    ].flat();
    const blocks = events
      .filter((event) => event.event === 'content_block_start')
      .map((event) => (event.data as { content_block: { type: string } }).content_block.type);
    expect(blocks).toEqual(['thinking', 'thinking', 'text']);
    expect(JSON.stringify(events)).not.toContain('enc-');
  });
});
