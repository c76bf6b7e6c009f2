import { describe, expect, it } from 'vitest';
import { canonicalRequest, toolConversation } from '../testing/request-fixture.ts';
import { COMPATIBLE_FAMILY } from '../../openai-compatible/config.ts';
import { encodeChatRequest } from './encode-request.ts';

const OPENAI = { maxTokensField: 'max_completion_tokens', images: true } as const;

describe('encodeChatRequest', () => {
  it('encodes system, multi-turn, tool calls, tool results (as tool messages, in order), tools and sampling', () => {
    expect(
      encodeChatRequest(
        'kimi',
        toolConversation('kimi', 'kimi-k2', {
          stream: true,
          stopSequences: ['END'],
          parallelToolCalls: false,
        }),
        COMPATIBLE_FAMILY.kimi.quirks,
      ),
    ).toEqual({
      model: 'kimi-k2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      max_tokens: 100,
      temperature: 0.5,
      stop: ['END'],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it.each([
    [{ type: 'none' } as const, 'none'],
    [{ type: 'required' } as const, 'required'],
    [{ type: 'tool', name: 'f' } as const, { type: 'function', function: { name: 'f' } }],
  ])('encodes tool choice %j', (toolChoice, expected) => {
    expect(
      encodeChatRequest('qwen', canonicalRequest('qwen', 'q', { toolChoice }), COMPATIBLE_FAMILY.qwen.quirks)[
        'tool_choice'
      ],
    ).toEqual(expected);
  });

  it('encodes images as image_url parts (base64 as a data: URL) where the provider takes images', () => {
    const request = canonicalRequest('openai', 'gpt-4o-mini', {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is it?' },
            { type: 'image', source: 'base64', mediaType: 'image/png', data: 'AAA=' },
            { type: 'image', source: 'url', url: 'https://images.example.com/y.png', detail: 'low' },
          ],
        },
      ],
    });
    expect(encodeChatRequest('openai', request, OPENAI)['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is it?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA=' } },
          // The client's `detail` travels on; without one, none is sent (the API's own default applies).
          { type: 'image_url', image_url: { url: 'https://images.example.com/y.png', detail: 'low' } },
        ],
      },
    ]);
  });

  it('rejects images with a 400 naming the feature and the provider where they are not supported', () => {
    const request = canonicalRequest('deepseek', 'deepseek-v3', {
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: 'url', url: 'https://images.example.com/y.png' }],
        },
      ],
    });
    expect(() => encodeChatRequest('deepseek', request, COMPATIBLE_FAMILY.deepseek.quirks)).toThrow(
      expect.objectContaining({
        spec: expect.objectContaining({
          status: 400,
          code: 'unsupported_feature',
          message: expect.stringMatching(/"deepseek".*image input/),
        }),
      }),
    );
  });

  it('writes OpenAI max_completion_tokens and the validated thinking as reasoning_effort; drops earlier reasoning', () => {
    const request = canonicalRequest('openai', 'gpt-5', {
      maxOutputTokens: 50,
      thinkingSetting: { mode: 'level', level: 'high' },
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hmm' },
            { type: 'text', text: 'x' },
          ],
        },
      ],
    });
    const body = encodeChatRequest('openai', request, OPENAI);
    expect(body).toMatchObject({
      max_completion_tokens: 50,
      reasoning_effort: 'high',
      messages: [{ role: 'assistant', content: 'x' }],
    });
    expect(body).not.toHaveProperty('max_tokens');
  });
});
