/**
 * Issue 11 item 3: a known field with the wrong type is a 400 naming the field, never silently ignored.
 * Unknown fields stay accepted: real clients send more than the proxy decodes.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { decodeMessagesRequest } from './anthropic-messages/decode.ts';
import { decodeChatRequest } from './openai-chat/decode.ts';
import { decodeResponsesRequest } from './openai-responses/decode.ts';

function rejection(decode: (raw: unknown) => unknown, raw: unknown): ApiError['spec'] {
  try {
    decode(raw);
  } catch (error) {
    if (error instanceof ApiError) return error.spec;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

const responses = { model: 'm', input: 'hi' };
const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const messages = { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };

describe('strict field types', () => {
  it.each([
    ['text', 'x'],
    ['text', 5],
    ['text.verbosity', { verbosity: 3 }],
    ['text.format', { format: 'json' }],
    ['include', 'reasoning.encrypted_content'],
    ['include[1]', ['a', 7]],
    ['prompt_cache_key', 42],
    ['reasoning.summary', { summary: true }],
    ['top_logprobs', 'two'],
  ])('Responses: %s of the wrong type is a 400 naming it', (param, value) => {
    const [field] = param.split(/[.[]/) as [string];
    const body = { ...responses, [field]: value };
    expect(rejection(decodeResponsesRequest, body)).toMatchObject({
      status: 400,
      code: 'invalid_request_body',
      param,
    });
  });

  it('Responses: what Codex sends on every call is still accepted', () => {
    const decoded = decodeResponsesRequest({
      ...responses,
      text: { verbosity: 'low', format: { type: 'text' } },
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'abc',
      reasoning: { effort: 'high', summary: 'auto' },
      store: false,
      client_metadata: { anything: true },
    });
    expect(decoded.model).toBe('m');
  });

  it.each([
    ['stream_options', 'yes'],
    ['stop', 5],
    ['tools[0].function.strict', [{ type: 'function', function: { name: 'f', strict: 'yes' } }]],
    ['metadata.k', { k: 1 }],
  ])('Chat: %s of the wrong type is a 400 naming it', (param, value) => {
    const [field] = param.split(/[.[]/) as [string];
    expect(rejection(decodeChatRequest, { ...chat, [field]: value })).toMatchObject({ status: 400, param });
  });

  it('Anthropic: tool_use input must be an object, not a string re-serialised as one', () => {
    const body = {
      ...messages,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: '{"a":1}' }] },
      ],
    };
    expect(rejection(decodeMessagesRequest, body)).toMatchObject({
      status: 400,
      param: 'messages[1].content[0].input',
    });
  });

  it('Anthropic: disable_parallel_tool_use must be a boolean', () => {
    const body = { ...messages, tool_choice: { type: 'auto', disable_parallel_tool_use: 'yes' } };
    expect(rejection(decodeMessagesRequest, body)).toMatchObject({
      status: 400,
      param: 'tool_choice.disable_parallel_tool_use',
    });
    const decoded = decodeMessagesRequest({
      ...messages,
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(decoded.parallelToolCalls).toBe(false);
  });
});
