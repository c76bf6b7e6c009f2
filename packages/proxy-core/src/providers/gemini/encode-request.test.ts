import { describe, expect, it } from 'vitest';
import { canonicalRequest, toolConversation } from '../shared/testing/request-fixture.ts';
import { encodeGenerateContentRequest } from './encode-request.ts';

describe('encodeGenerateContentRequest', () => {
  it('encodes systemInstruction, user/model turns, functionCall, functionResponse by name, tools and generationConfig', () => {
    const request = toolConversation('gemini', 'gemini-2.5-flash', {
      stopSequences: ['END'],
      thinkingSetting: { mode: 'budget', budget: 1024 },
    });
    expect(encodeGenerateContentRequest(request)).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
        {
          role: 'model',
          parts: [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } } }],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { output: { temp: 21 } } } },
            { text: 'And tomorrow?' },
          ],
        },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Weather by city',
              parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } },
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      generationConfig: {
        maxOutputTokens: 100,
        temperature: 0.5,
        stopSequences: ['END'],
        thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      },
    });
  });

  it('encodes inline images and error results', () => {
    const request = canonicalRequest('gemini', 'g', {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: 'base64', mediaType: 'image/png', data: 'AAA=' },
            { type: 'image', source: 'url', url: 'data:image/jpeg;base64,BBB' },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              toolCallId: 'c',
              isError: true,
              content: [{ type: 'text', text: 'boom' }],
            },
          ],
        },
      ],
    });
    expect(encodeGenerateContentRequest(request)['contents']).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'image/png', data: 'AAA=' } },
          { inlineData: { mimeType: 'image/jpeg', data: 'BBB' } },
        ],
      },
      { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { error: 'boom' } } }] },
    ]);
  });

  it.each([
    [
      'an http image URL',
      canonicalRequest('gemini', 'g', {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: 'url', url: 'https://images.example.com/y.png' }],
          },
        ],
      }),
      /images by http/,
    ],
    [
      'parallel_tool_calls: false',
      canonicalRequest('gemini', 'g', { parallelToolCalls: false }),
      /parallel_tool_calls/,
    ],
    [
      'a tool result without its call',
      canonicalRequest('gemini', 'g', {
        messages: [
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'x', isError: false, content: [] }] },
        ],
      }),
      /function name/,
    ],
    [
      'strict tools',
      canonicalRequest('gemini', 'g', { tools: [{ name: 'f', parameters: {}, strict: true }] }),
      /strict/,
    ],
  ])('rejects %s with a 400 naming the provider', (_name, request, message) => {
    expect(() => encodeGenerateContentRequest(request)).toThrow(message);
    expect(() => encodeGenerateContentRequest(request)).toThrow(/"gemini"/);
  });

  it('encodes a forced tool choice as ANY with the allowed name', () => {
    expect(
      encodeGenerateContentRequest(
        canonicalRequest('gemini', 'g', { toolChoice: { type: 'tool', name: 'f' } }),
      )['toolConfig'],
    ).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] },
    });
  });

  it("sends a Gemini client's uncarried fields and hosted tools verbatim, generationConfig ones inside it", () => {
    const request = canonicalRequest('gemini', 'gemini-2.5-flash', {
      dialect: 'gemini',
      temperature: 0.2,
      nativeFields: {
        dialect: 'gemini',
        fields: {
          safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
          'generationConfig.responseSchema': { type: 'OBJECT' },
          'generationConfig.temperature': 1.5,
        },
      },
      nativeTools: { dialect: 'gemini', tools: [{ googleSearch: {} }] },
    });
    expect(encodeGenerateContentRequest(request)).toMatchObject({
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      tools: [{ googleSearch: {} }],
      // What the proxy encoded itself (the carried temperature) is never overwritten.
      generationConfig: { responseSchema: { type: 'OBJECT' }, temperature: 0.2 },
    });
  });
});
