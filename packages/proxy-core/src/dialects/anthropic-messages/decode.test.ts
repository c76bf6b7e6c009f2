import { describe, expect, it } from 'vitest';
import { decodeMessagesRequest } from './decode.ts';

describe('decodeMessagesRequest', () => {
  it('maps blocks, tools, tool choice and thinking into the canonical request', () => {
    const decoded = decodeMessagesRequest({
      model: 'm',
      max_tokens: 100,
      system: [{ type: 'text', text: 'sys' }],
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA==' } }],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 't', signature: 's' },
            { type: 'redacted_thinking', data: 'x' },
            { type: 'tool_use', id: 'tu', name: 'f', input: { a: 1 } },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'tu', content: 'ok', is_error: true }],
        },
      ],
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      stop_sequences: ['S'],
      metadata: { user_id: 'u' },
    });
    expect(decoded.messages).toEqual([
      { role: 'user', content: [{ type: 'image', source: 'base64', mediaType: 'image/png', data: 'AA==' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 't', signature: 's' },
          // Kept to be handed back to Anthropic unchanged (it refuses a replay that lost it).
          { type: 'reasoning', text: '', signature: 'x', issuer: 'anthropic-redacted' },
          { type: 'tool_call', id: 'tu', name: 'f', arguments: '{"a":1}' },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolCallId: 'tu', content: [{ type: 'text', text: 'ok' }], isError: true },
        ],
      },
    ]);
    expect(decoded).toMatchObject({
      system: [{ type: 'text', text: 'sys' }],
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      thinking: { budgetTokens: 2048 },
      maxOutputTokens: 100,
      stopSequences: ['S'],
      metadata: { user_id: 'u' },
    });
    expect(
      decodeMessagesRequest({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'x' }],
        thinking: { type: 'disabled' },
      }).thinking,
    ).toEqual({ disabled: true });
  });

  it('names the field of each rejection', () => {
    expect(() => decodeMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).toThrow(
      /'max_tokens'/,
    );
    expect(() =>
      decodeMessagesRequest({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: [{ type: 'text', text: 3 }] }],
      }),
    ).toThrow(/'messages\[0\]\.content\[0\]\.text'/);
    // A block without a type is no block at all, known or Anthropic's own.
    expect(() =>
      decodeMessagesRequest({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{}] }] }),
    ).toThrow(/'messages\[0\]\.content\[0\]\.type'/);
    // A tool without a server type is a client tool, whose schema is required.
    expect(() =>
      decodeMessagesRequest({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ type: 'custom', name: 'f' }],
      }),
    ).toThrow(/'tools\[0\]\.input_schema'/);
  });

  it('takes Claude Code’s request shape: a mid-conversation system message joins the system prompt, cache breakpoints are kept', () => {
    const ephemeral = { type: 'ephemeral' } as const;
    const decoded = decodeMessagesRequest({
      model: 'm',
      max_tokens: 32000,
      system: [
        { type: 'text', text: 'billing header' },
        { type: 'text', text: 'You are an agent.', cache_control: ephemeral },
      ],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Read notes.txt', cache_control: ephemeral }] },
        {
          role: 'system',
          content: [{ type: 'text', text: '# Environment', cache_control: { ...ephemeral, ttl: '1h' } }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't1', content: 'pelican', cache_control: ephemeral }],
        },
      ],
      tools: [{ name: 'Read', input_schema: { type: 'object' }, cache_control: ephemeral }],
      thinking: { type: 'adaptive', display: 'omitted' },
      output_config: { effort: 'high' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
    });
    expect(decoded.system).toEqual([
      { type: 'text', text: 'billing header' },
      { type: 'text', text: 'You are an agent.', cache: {} },
      { type: 'text', text: '# Environment', cache: { ttl: '1h' } },
    ]);
    expect(decoded.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Read notes.txt', cache: {} }] },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            toolCallId: 't1',
            content: [{ type: 'text', text: 'pelican' }],
            isError: false,
            cache: {},
          },
        ],
      },
    ]);
    expect(decoded.tools).toEqual([{ name: 'Read', parameters: { type: 'object' }, cache: {} }]);
  });
});
