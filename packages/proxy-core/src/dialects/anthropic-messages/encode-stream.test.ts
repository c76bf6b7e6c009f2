import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../canonical/usage.ts';
import { encodeMessagesResponse } from './encode-response.ts';
import { MessagesStreamEncoder } from './encode-stream.ts';
import { encoderInput } from '../../streaming/testing-parts.ts';

describe('MessagesStreamEncoder usage', () => {
  it('splits cache reads and writes out of input_tokens the same way in message_start and message_delta', () => {
    const encoder = new MessagesStreamEncoder({ id: 'msg_1', model: 'claude-sonnet-4-6' });
    encoder.encode({
      type: 'stream-start',
      warnings: [],
      usage: { inputTokens: 16, outputTokens: 0, cachedInputTokens: 5, cacheWriteInputTokens: 1 },
    });
    const start = encoder.encode({ type: 'text-start', id: 't' });
    encoder.encode({ type: 'text-delta', id: 't', delta: 'hi' });
    encoder.encode({ type: 'text-end', id: 't' });
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

describe("Anthropic's own stop reasons", () => {
  const finish = (rawReason: string) => {
    const encoder = new MessagesStreamEncoder({ id: 'msg_1', model: 'm' });
    encoder.encode({ type: 'stream-start', warnings: [] });
    const frames = encoder.encode({ type: 'finish', reason: 'stop', rawReason, usage: ZERO_USAGE });
    const streamed = frames.find((event) => event.event === 'message_delta')?.data as {
      delta: { stop_reason: string };
    };
    const whole = encodeMessagesResponse(
      { output: [], finishReason: 'stop', rawFinishReason: rawReason, usage: ZERO_USAGE },
      { id: 'msg_1', model: 'm' },
    );
    return { streamed: streamed.delta.stop_reason, whole: whole['stop_reason'] };
  };

  it('pass through as the upstream said them, streamed and not', () => {
    expect(finish('stop_sequence')).toEqual({ streamed: 'stop_sequence', whole: 'stop_sequence' });
    expect(finish('pause_turn')).toEqual({ streamed: 'pause_turn', whole: 'pause_turn' });
  });

  it("are mapped when the upstream's word is not Anthropic's", () => {
    expect(finish('STOP')).toEqual({ streamed: 'end_turn', whole: 'end_turn' });
    expect(finish('stop')).toEqual({ streamed: 'end_turn', whole: 'end_turn' });
  });
});

describe('the model that really answered', () => {
  it('is named in message_start, which waits for the metadata that follows the start', () => {
    const encoder = new MessagesStreamEncoder({ id: 'msg_1', model: 'anthropic/claude-sonnet-4-6' });
    expect(encoder.encode({ type: 'stream-start', warnings: [] })).toEqual([]);
    encoder.encode({ type: 'response-metadata', modelId: 'claude-sonnet-4-6-20260101', id: 'msg_up' });
    const opening = encoder.encode({ type: 'text-start', id: 't' });
    expect(opening.map((event) => event.event)).toEqual(['message_start', 'ping', 'content_block_start']);
    expect(opening[0]?.data).toMatchObject({ message: { id: 'msg_1', model: 'claude-sonnet-4-6-20260101' } });
  });

  it('opens the message on a keep-alive before any content, never with a ping first', () => {
    const encoder = new MessagesStreamEncoder({ id: 'msg_1', model: 'm' });
    encoder.encode({ type: 'stream-start', warnings: [] });
    expect(encoder.heartbeat().event).toBe('message_start');
    expect(encoder.heartbeat().event).toBe('ping');
    expect(encoder.encode({ type: 'text-start', id: 't' }).map((event) => event.event)).toEqual([
      'content_block_start',
    ]);
  });
});

describe('MessagesStreamEncoder reasoning blocks', () => {
  it("ends a thinking block at another provider's proof without sending it, as the non-streamed answer does", () => {
    const encoder = new MessagesStreamEncoder({ id: 'msg_1', model: 'gpt-5-codex-mini' });
    const events = encoderInput([
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-delta', id: 'r1', delta: 'first' },
      { type: 'reasoning-end', id: 'r1', metadata: { signature: 'enc-1', issuer: 'openai' } },
      { type: 'reasoning-delta', id: 'r2', delta: 'second' },
      { type: 'reasoning-end', id: 'r2', metadata: { signature: 'enc-2', issuer: 'openai' } },
      { type: 'text-delta', id: 't', delta: 'answer' },
    ]).flatMap((part) => encoder.encode(part));
    const blocks = events
      .filter((event) => event.event === 'content_block_start')
      .map((event) => (event.data as { content_block: { type: string } }).content_block.type);
    expect(blocks).toEqual(['thinking', 'thinking', 'text']);
    expect(JSON.stringify(events)).not.toContain('enc-');
  });
});
