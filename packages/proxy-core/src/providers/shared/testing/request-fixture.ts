import type { CanonicalRequest } from '../../../canonical/request.ts';
import type { StreamOptions } from '../../provider.ts';

/** A minimal canonical request; tests override the fields they are about. */
export function canonicalRequest(
  provider: string,
  model: string,
  overrides: Partial<CanonicalRequest> = {},
): CanonicalRequest {
  return {
    dialect: 'openai-chat',
    target: { requested: model, provider, model },
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    tools: [],
    stopSequences: [],
    stream: false,
    ...overrides,
  };
}

/** A conversation with every content kind: system, images, a tool call and its result, a follow-up. */
export function toolConversation(
  provider: string,
  model: string,
  overrides: Partial<CanonicalRequest> = {},
): CanonicalRequest {
  return canonicalRequest(provider, model, {
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'call_1',
            content: [{ type: 'text', text: '{"temp":21}' }],
            isError: false,
          },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
    ],
    tools: [
      {
        name: 'get_weather',
        description: 'Weather by city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ],
    toolChoice: { type: 'auto' },
    maxOutputTokens: 100,
    temperature: 0.5,
    ...overrides,
  });
}

export function streamOptions(
  metadata: Partial<StreamOptions['metadata']> = {},
  signal = new AbortController().signal,
): StreamOptions {
  return { signal, metadata: { requestId: 'req-1', requestedModel: 'm', attempt: 1, ...metadata } };
}
