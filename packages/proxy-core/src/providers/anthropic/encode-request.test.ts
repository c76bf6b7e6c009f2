import { describe, expect, it } from 'vitest';
import { canonicalRequest, toolConversation } from '../shared/testing/request-fixture.ts';
import { encodeMessagesRequest } from './encode-request.ts';

describe('encodeMessagesRequest', () => {
  it('encodes system blocks, multi-turn, tool_use (parsed input), tool_result, tools, choice and sampling', () => {
    const request = toolConversation('anthropic', 'claude-3-5-haiku-20241022', {
      stream: true,
      stopSequences: ['END'],
      topP: 0.9,
    });
    expect(encodeMessagesRequest(request, { defaultMaxTokens: 4096 })).toEqual({
      model: 'claude-3-5-haiku-20241022',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: '{"temp":21}' }] },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather by city',
          input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      tool_choice: { type: 'auto' },
      temperature: 0.5,
      top_p: 0.9,
      stop_sequences: ['END'],
      stream: true,
    });
  });

  it('encodes images (URL, base64, data: URL), error tool results and signed reasoning', () => {
    const request = canonicalRequest('anthropic', 'claude-sonnet-4-5', {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: 'url', url: 'https://images.example.com/y.png' },
            { type: 'image', source: 'url', url: 'data:image/png;base64,AAA=' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hm', signature: 'sig' },
            { type: 'reasoning', text: 'unsigned' },
            { type: 'reasoning', text: '', signature: 'enc-data', issuer: 'anthropic-redacted' },
            { type: 'reasoning', text: '', signature: 'enc-openai', issuer: 'openai' },
            { type: 'tool_call', id: 't', name: 'f', arguments: '' },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              toolCallId: 't',
              isError: true,
              content: [{ type: 'image', source: 'base64', mediaType: 'image/jpeg', data: 'BBB' }],
            },
          ],
        },
      ],
    });
    expect(encodeMessagesRequest(request, { defaultMaxTokens: 64 })['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'url', url: 'https://images.example.com/y.png' } },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA=' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hm', signature: 'sig' },
          // Its own redacted thinking goes back unchanged; another provider's proof never does.
          { type: 'redacted_thinking', data: 'enc-data' },
          { type: 'tool_use', id: 't', name: 'f', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 't',
            is_error: true,
            content: [{ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'BBB' } }],
          },
        ],
      },
    ]);
  });

  it.each([
    [{ type: 'required' } as const, undefined, { type: 'any' }],
    [{ type: 'none' } as const, undefined, { type: 'none' }],
    [
      { type: 'tool', name: 'f' } as const,
      false,
      { type: 'tool', name: 'f', disable_parallel_tool_use: true },
    ],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
  ])('encodes tool choice %j with parallel %s', (toolChoice, parallelToolCalls, expected) => {
    const request = canonicalRequest('anthropic', 'c', {
      ...(toolChoice === undefined ? {} : { toolChoice }),
      ...(parallelToolCalls === undefined ? {} : { parallelToolCalls }),
    });
    expect(encodeMessagesRequest(request, { defaultMaxTokens: 1 })['tool_choice']).toEqual(expected);
  });

  it('applies validated thinking, keeping budget_tokens under max_tokens, and the default max_tokens', () => {
    const request = canonicalRequest('anthropic', 'claude-sonnet-4-5', {
      thinkingSetting: { mode: 'budget', budget: 8192 },
    });
    expect(encodeMessagesRequest(request, { defaultMaxTokens: 4096, minThinkingBudget: 1024 })).toMatchObject(
      {
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 4095 },
      },
    );
    const off = canonicalRequest('anthropic', 'claude-sonnet-4-5', {
      thinkingSetting: { mode: 'none', budget: 0 },
    });
    expect(encodeMessagesRequest(off, { defaultMaxTokens: 10 })['thinking']).toEqual({ type: 'disabled' });
  });

  it('rejects tool-call arguments that are not JSON with a 400 naming the provider', () => {
    const request = canonicalRequest('anthropic', 'c', {
      messages: [
        { role: 'assistant', content: [{ type: 'tool_call', id: 't', name: 'f', arguments: '{oops' }] },
      ],
    });
    expect(() => encodeMessagesRequest(request, { defaultMaxTokens: 1 })).toThrow(/"anthropic"/);
  });

  it('hands every cache breakpoint to Anthropic as cache_control: system, tools, text and tool results', () => {
    const request = canonicalRequest('anthropic', 'claude-sonnet-4-6', {
      system: [
        { type: 'text', text: 'header' },
        { type: 'text', text: 'agent prompt', cache: {} },
      ],
      tools: [{ name: 'Read', parameters: { type: 'object' }, cache: { ttl: '1h' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go', cache: {} }] },
        { role: 'assistant', content: [{ type: 'tool_call', id: 't1', name: 'Read', arguments: '{}' }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              toolCallId: 't1',
              content: [{ type: 'text', text: 'x' }],
              isError: false,
              cache: {},
            },
          ],
        },
      ],
    });
    const body = encodeMessagesRequest(request, { defaultMaxTokens: 4096 });
    const ephemeral = { type: 'ephemeral' };
    expect(body['system']).toEqual([
      { type: 'text', text: 'header' },
      { type: 'text', text: 'agent prompt', cache_control: ephemeral },
    ]);
    expect(body['tools']).toEqual([
      { name: 'Read', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
    expect(JSON.stringify(body['messages']).match(/cache_control/g)).toHaveLength(2);
  });

  it('passes adaptive thinking through as adaptive (the model decides; no budget is invented)', () => {
    const request = canonicalRequest('anthropic', 'claude-sonnet-4-6', {
      thinking: { effort: 'auto', adaptive: true },
      thinkingSetting: { mode: 'auto' },
    });
    expect(encodeMessagesRequest(request, { defaultMaxTokens: 4096 })['thinking']).toEqual({
      type: 'adaptive',
    });
  });
});
