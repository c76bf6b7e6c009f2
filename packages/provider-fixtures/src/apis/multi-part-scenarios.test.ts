import { describe, expect, it } from 'vitest';
import {
  FIXTURE_GEMINI_THOUGHT_SIGNATURE,
  FIXTURE_PARALLEL_TOOL_CALLS,
  FIXTURE_REASONING_BLOCKS,
  FIXTURE_REASONING_BLOCKS_TEXT,
  FIXTURE_REDACTED_THINKING,
} from '../content.ts';
import type { ProviderId } from '../providers.ts';
import { exchange, frameJson, frames, type ExchangeOptions } from '../test-support.ts';

// The two multi-part scenarios are only useful if each stream, accumulated the way the provider's own client
// does, is exactly the non-streamed answer: otherwise a contract test could not tell a proxy bug from a fixture
// bug. Each API is accumulated here by its protocol's rules, not by the fixture's code.

type Json = Record<string, unknown>;
const PARALLEL = { scenario: 'parallel-tool-calls' } as const;
const BLOCKS = { scenario: 'reasoning-blocks' } as const;

async function both(provider: ProviderId, options: ExchangeOptions): Promise<{ json: Json; events: Json[] }> {
  const json = JSON.parse((await exchange(provider, options)).text) as Json;
  const streamed = frames(await exchange(provider, { ...options, stream: true }));
  const events = streamed.filter((frame) => frame.data !== '[DONE]').map((frame) => frameJson(frame));
  return { json, events };
}

const expectedCalls = FIXTURE_PARALLEL_TOOL_CALLS.map(({ callId, name, arguments: args }) => ({
  id: callId,
  name,
  arguments: args,
}));

describe.each(['kimi', 'qwen', 'deepseek', 'openai'] as const)('Chat Completions (%s)', (provider) => {
  interface CallDelta {
    index: number;
    id?: string;
    function: { name?: string; arguments: string };
  }
  const deltasOf = (events: readonly Json[]) =>
    events.flatMap((event) => (event['choices'] as { delta: Json }[]).map((choice) => choice.delta));

  it('parallel-tool-calls: fragments addressed by index interleave and rebuild both calls of the JSON', async () => {
    const { json, events } = await both(provider, { api: 'openai-chat', ...PARALLEL });
    const fragments = deltasOf(events).flatMap(
      (delta) => (delta['tool_calls'] as CallDelta[] | undefined) ?? [],
    );
    expect(fragments.map((fragment) => fragment.index)).toEqual([0, 0, 1, 0, 1, 1]);
    const calls: { id: string; name: string; arguments: string }[] = [];
    for (const { index, id, function: fn } of fragments) {
      const call = (calls[index] ??= { id: id ?? '', name: fn.name ?? '', arguments: '' });
      call.arguments += fn.arguments;
    }
    expect(calls).toEqual(expectedCalls);
    const message = (json['choices'] as { message: { tool_calls: { id: string; function: Json }[] } }[])[0];
    expect(message?.message.tool_calls.map(({ id, function: fn }) => ({ id, ...fn }))).toEqual(expectedCalls);
  });

  it('reasoning-blocks: the compatible family streams both blocks as one reasoning_content, OpenAI none', async () => {
    const { json, events } = await both(provider, { api: 'openai-chat', ...BLOCKS });
    const streamedText = deltasOf(events)
      .map((delta) => (delta['reasoning_content'] as string | undefined) ?? '')
      .join('');
    const message = (json['choices'] as { message: Json }[])[0]?.message;
    const expected = provider === 'openai' ? undefined : FIXTURE_REASONING_BLOCKS_TEXT;
    expect(message?.['reasoning_content']).toBe(expected);
    expect(streamedText).toBe(expected ?? '');
  });
});

describe('OpenAI Responses', () => {
  const completedOutput = (events: readonly Json[]) =>
    (events.find((event) => event['type'] === 'response.completed')?.['response'] as Json)['output'];
  const doneItems = (events: readonly Json[]) =>
    events.filter((event) => event['type'] === 'response.output_item.done').map((event) => event['item']);

  it('parallel-tool-calls: argument deltas interleave by item_id and rebuild the JSON output', async () => {
    const { json, events } = await both('openai', PARALLEL);
    const deltas = events.filter((event) => event['type'] === 'response.function_call_arguments.delta');
    const [first, second] = FIXTURE_PARALLEL_TOOL_CALLS;
    expect(deltas.map((event) => event['item_id'])).toEqual(
      [0, 0, 1, 0, 1, 1].map((call) => (call === 0 ? first.itemId : second.itemId)),
    );
    const argumentsOf = (itemId: string) =>
      deltas
        .filter((event) => event['item_id'] === itemId)
        .map((event) => event['delta'])
        .join('');
    expect([argumentsOf(first.itemId), argumentsOf(second.itemId)]).toEqual([
      first.arguments,
      second.arguments,
    ]);
    expect(doneItems(events)).toEqual(json['output']);
    expect(completedOutput(events)).toEqual(json['output']);
  });

  it('reasoning-blocks: two reasoning items, each with its summary and encrypted_content, then the message', async () => {
    const { json, events } = await both('openai', BLOCKS);
    const output = json['output'] as Json[];
    expect(output.map((item) => item['type'])).toEqual(['reasoning', 'reasoning', 'message']);
    expect(output.slice(0, 2).map((item) => item['encrypted_content'])).toEqual(
      FIXTURE_REASONING_BLOCKS.map((block) => block.encryptedContent),
    );
    expect(doneItems(events)).toEqual(output);
    expect(completedOutput(events)).toEqual(output);
  });
});

describe('Anthropic Messages', () => {
  /** Anthropic's accumulation: a block opens with its start, deltas extend it, tool input is parsed at its stop. */
  function accumulate(events: readonly Json[]): Json[] {
    const blocks: Json[] = [];
    const partialJson: string[] = [];
    for (const event of events) {
      const index = event['index'] as number;
      if (event['type'] === 'content_block_start') blocks[index] = { ...(event['content_block'] as Json) };
      if (event['type'] === 'content_block_delta') {
        const delta = event['delta'] as Record<string, string>;
        const block = blocks[index] as Record<string, unknown>;
        if (delta['type'] === 'text_delta') block['text'] = `${String(block['text'])}${delta['text']}`;
        if (delta['type'] === 'thinking_delta') {
          block['thinking'] = `${String(block['thinking'])}${delta['thinking']}`;
        }
        if (delta['type'] === 'signature_delta') block['signature'] = delta['signature'];
        if (delta['type'] === 'input_json_delta')
          partialJson[index] = `${partialJson[index] ?? ''}${delta['partial_json']}`;
      }
      if (event['type'] === 'content_block_stop' && partialJson[index] !== undefined) {
        (blocks[index] as Json)['input'] = JSON.parse(partialJson[index]);
      }
    }
    return blocks;
  }

  it('parallel-tool-calls: two tool_use blocks, one after the other, rebuild the JSON content', async () => {
    const { json, events } = await both('anthropic', PARALLEL);
    expect(accumulate(events)).toEqual(json['content']);
    expect((json['content'] as Json[]).map((block) => block['id'])).toEqual(
      FIXTURE_PARALLEL_TOOL_CALLS.map((call) => call.toolUseId),
    );
  });

  it('reasoning-blocks: two signed thinking blocks and a redacted_thinking before the text', async () => {
    const { json, events } = await both('anthropic', BLOCKS);
    expect(accumulate(events)).toEqual(json['content']);
    expect((json['content'] as Json[]).slice(0, 3)).toEqual([
      ...FIXTURE_REASONING_BLOCKS.map((block) => ({
        type: 'thinking',
        thinking: block.text,
        signature: block.signature,
      })),
      { type: 'redacted_thinking', data: FIXTURE_REDACTED_THINKING },
    ]);
  });
});

describe('Gemini', () => {
  const partsOf = (response: Json): Json[] =>
    ((response['candidates'] as { content: { parts: Json[] } }[])[0]?.content.parts ?? []).map((part) => ({
      ...part,
    }));

  it('parallel-tool-calls: both functionCall parts whole in one chunk, as in the JSON answer', async () => {
    const { json, events } = await both('gemini', PARALLEL);
    const calls = FIXTURE_PARALLEL_TOOL_CALLS.map(({ name, input }) => ({
      functionCall: { name, args: input },
    }));
    expect(partsOf(json)).toEqual(calls);
    expect(events.map(partsOf)).toEqual([calls]);
  });

  it('reasoning-blocks: thought parts per block, the answer signed on its last part', async () => {
    const { json, events } = await both('gemini', BLOCKS);
    expect(partsOf(json)).toEqual([
      ...FIXTURE_REASONING_BLOCKS.map((block) => ({ text: block.text, thought: true })),
      { text: 'Hello from the fixture.', thoughtSignature: FIXTURE_GEMINI_THOUGHT_SIGNATURE },
    ]);
    const streamedParts = events.flatMap(partsOf);
    expect(
      streamedParts
        .filter((part) => part['thought'] === true)
        .map((part) => part['text'])
        .join(''),
    ).toBe(FIXTURE_REASONING_BLOCKS_TEXT);
    expect(streamedParts.at(-1)?.['thoughtSignature']).toBe(FIXTURE_GEMINI_THOUGHT_SIGNATURE);
  });
});
