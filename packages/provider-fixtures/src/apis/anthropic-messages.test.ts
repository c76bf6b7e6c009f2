import { describe, expect, it } from 'vitest';
import {
  FIXTURE_REASONING,
  FIXTURE_TEXT,
  FIXTURE_THINKING_SIGNATURE,
  FIXTURE_TOOL_CALL,
} from '../content.ts';
import { eventNames, exchange, frameJson, frames } from '../test-support.ts';

interface MessagesEvent {
  type: string;
  index?: number;
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    signature?: string;
    stop_reason?: string;
  };
  content_block?: Record<string, unknown>;
  usage?: Record<string, number>;
  message?: Record<string, unknown>;
  error?: { type: string; message: string };
}

const events = async (options: Parameters<typeof exchange>[1]) => {
  const all = frames(await exchange('anthropic', options));
  return { names: eventNames(all), payloads: all.map((frame) => frameJson<MessagesEvent>(frame)) };
};

const deltaText = (payloads: readonly MessagesEvent[], field: 'text' | 'partial_json' | 'thinking') =>
  payloads.map((payload) => payload.delta?.[field] ?? '').join('');

const TEXT_BLOCK = [
  'content_block_start',
  'content_block_delta',
  'content_block_delta',
  'content_block_delta',
  'content_block_delta',
  'content_block_stop',
];

describe('Anthropic Messages fixtures (protocols.md §4)', () => {
  it('streams message_start, a text block, message_delta with cumulative usage, then message_stop', async () => {
    const { names, payloads } = await events({ stream: true });
    const [start, ...rest] = TEXT_BLOCK;
    expect(names).toEqual(['message_start', start, 'ping', ...rest, 'message_delta', 'message_stop']);
    expect(payloads.map((payload) => payload.type)).toEqual(names);
    expect(payloads[0]?.message).toMatchObject({
      content: [],
      stop_reason: null,
      usage: { input_tokens: 16, cache_read_input_tokens: 8 },
    });
    expect(deltaText(payloads, 'text')).toBe(FIXTURE_TEXT);
    expect(payloads.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 16,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 8,
        output_tokens: 6,
      },
    });
  });

  it('answers a non-streamed request with a message object', async () => {
    const response = await exchange('anthropic', { body: { model: 'claude-sonnet-4-5' } });
    expect(JSON.parse(response.text)).toEqual({
      id: 'msg_01FixtureMessage',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: FIXTURE_TEXT }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 16,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 8,
        output_tokens: 6,
      },
    });
  });

  it('streams tool use as input_json_delta fragments and stops with tool_use', async () => {
    const { payloads } = await events({ stream: true, scenario: 'tool-call' });
    expect(payloads[1]?.content_block).toEqual({
      type: 'tool_use',
      id: 'toolu_01FixtureToolUse',
      name: FIXTURE_TOOL_CALL.name,
      input: {},
    });
    expect(
      payloads
        .filter((p) => p.type === 'content_block_delta')
        .every((p) => p.delta?.type === 'input_json_delta'),
    ).toBe(true);
    expect(deltaText(payloads, 'partial_json')).toBe(FIXTURE_TOOL_CALL.arguments);
    expect(payloads.at(-2)?.delta?.stop_reason).toBe('tool_use');
  });

  it('streams a signed thinking block at index 0 before the text block at index 1', async () => {
    const { payloads } = await events({ stream: true, scenario: 'reasoning' });
    const blockDeltas = payloads.filter((p) => p.type === 'content_block_delta');
    expect(blockDeltas.map((p) => [p.index, p.delta?.type])).toEqual([
      [0, 'thinking_delta'],
      [0, 'thinking_delta'],
      [0, 'signature_delta'],
      [1, 'text_delta'],
      [1, 'text_delta'],
      [1, 'text_delta'],
      [1, 'text_delta'],
    ]);
    expect(deltaText(payloads, 'thinking')).toBe(FIXTURE_REASONING);
    expect(blockDeltas[2]?.delta?.signature).toBe(FIXTURE_THINKING_SIGNATURE);
    expect(payloads.at(-2)?.usage).toMatchObject({ output_tokens: 40 });
  });

  it('returns non-streamed thinking and tool use blocks', async () => {
    const thinking = JSON.parse((await exchange('anthropic', { scenario: 'reasoning' })).text) as {
      content: unknown[];
    };
    expect(thinking.content).toEqual([
      { type: 'thinking', thinking: FIXTURE_REASONING, signature: FIXTURE_THINKING_SIGNATURE },
      { type: 'text', text: FIXTURE_TEXT },
    ]);
    const toolUse = JSON.parse((await exchange('anthropic', { scenario: 'tool-call' })).text) as Record<
      string,
      unknown
    >;
    expect(toolUse).toMatchObject({
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', input: FIXTURE_TOOL_CALL.input }],
    });
  });

  it('sends an overloaded_error event inside a 200 stream, with no message_stop', async () => {
    const { names, payloads } = await events({ stream: true, scenario: 'stream-error' });
    expect(names.at(-1)).toBe('error');
    expect(names).not.toContain('message_stop');
    expect(payloads.at(-1)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_01FixtureRequest',
    });
  });

  it('truncates a stream after its first text delta, with no message_delta or message_stop', async () => {
    const { names } = await events({ stream: true, scenario: 'stream-truncated' });
    expect(names).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta']);
  });
});
