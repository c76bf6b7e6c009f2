import { describe, expect, it } from 'vitest';
import { decodeChatRequest } from './decode.ts';

describe('decodeChatRequest', () => {
  it('lifts system text, joins tool results into one user turn and maps settings', () => {
    const decoded = decodeChatRequest({
      model: 'm',
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'developer', content: [{ type: 'text', text: 'dev' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'q' },
            { type: 'image_url', image_url: { url: 'https://images.example.com/y.png' } },
            { type: 'image_url', image_url: { url: 'https://images.example.com/z.png', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'hmm',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'r1' },
        { role: 'tool', tool_call_id: 'c2', content: 'r2' },
      ],
      tools: [{ type: 'function', function: { name: 'f', description: 'd', strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      max_tokens: 10,
      stop: 'END',
      reasoning_effort: 'high',
      temperature: 0.5,
      top_p: 0.9,
      parallel_tool_calls: false,
      metadata: { a: 'b' },
    });
    expect(decoded.system).toEqual([
      { type: 'text', text: 'sys' },
      { type: 'text', text: 'dev' },
    ]);
    expect(decoded.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'q' },
          { type: 'image', source: 'url', url: 'https://images.example.com/y.png' },
          { type: 'image', source: 'url', url: 'https://images.example.com/z.png', detail: 'low' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm' },
          { type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'r1' }], isError: false },
          { type: 'tool_result', toolCallId: 'c2', content: [{ type: 'text', text: 'r2' }], isError: false },
        ],
      },
    ]);
    expect(decoded).toMatchObject({
      tools: [{ name: 'f', description: 'd', strict: true, parameters: { type: 'object', properties: {} } }],
      toolChoice: { type: 'tool', name: 'f' },
      maxOutputTokens: 10,
      stopSequences: ['END'],
      thinking: { effort: 'high' },
      temperature: 0.5,
      topP: 0.9,
      parallelToolCalls: false,
      stream: false,
      includeUsage: false,
    });
  });

  it('names the field of each rejection', () => {
    expect(() => decodeChatRequest({ model: 'm', messages: [] })).toThrow(/'messages'/);
    expect(() => decodeChatRequest({ messages: [{ role: 'user', content: 'x' }] })).toThrow(/'model'/);
    expect(() => decodeChatRequest({ model: 'm', messages: [{ role: 'robot', content: 'x' }] })).toThrow(
      /'messages\[0\]\.role'/,
    );
  });
});
