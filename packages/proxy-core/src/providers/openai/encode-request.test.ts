import { describe, expect, it } from 'vitest';
import { canonicalRequest, toolConversation } from '../shared/testing/request-fixture.ts';
import { encodeResponsesRequest } from './encode-request.ts';

describe('encodeResponsesRequest', () => {
  it('encodes instructions, input items (messages, function_call, function_call_output), tools, choice and sampling', () => {
    const request = toolConversation('openai', 'gpt-5-codex-mini', {
      dialect: 'openai-responses',
      stream: true,
      metadata: { user: 'u1' },
      thinkingSetting: { mode: 'level', level: 'low' },
    });
    expect(encodeResponsesRequest(request)).toEqual({
      model: 'gpt-5-codex-mini',
      instructions: 'Be brief.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And tomorrow?' }] },
      ],
      store: false,
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather by city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          strict: false,
        },
      ],
      tool_choice: 'auto',
      max_output_tokens: 100,
      temperature: 0.5,
      metadata: { user: 'u1' },
      reasoning: { effort: 'low' },
      // A Responses client can hand the reasoning back: OpenAI's encrypted reasoning is asked for.
      include: ['reasoning.encrypted_content'],
      stream: true,
    });
  });

  it('encodes images as input_image and a forced tool choice', () => {
    const request = canonicalRequest('openai', 'gpt-5', {
      toolChoice: { type: 'tool', name: 'f' },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: 'base64', mediaType: 'image/png', data: 'AAA=' },
            { type: 'image', source: 'url', url: 'https://images.example.com/z.png', detail: 'high' },
          ],
        },
      ],
    });
    expect(encodeResponsesRequest(request)).toMatchObject({
      input: [
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'data:image/png;base64,AAA=', detail: 'auto' },
            { type: 'input_image', image_url: 'https://images.example.com/z.png', detail: 'high' },
          ],
        },
      ],
      tool_choice: { type: 'function', name: 'f' },
    });
  });

  it('rejects stop sequences (the Responses API has none) with a 400 naming the provider', () => {
    expect(() =>
      encodeResponsesRequest(canonicalRequest('openai', 'gpt-5', { stopSequences: ['x'] })),
    ).toThrow(/"openai".*stop sequences/);
  });
});
