import { describe, expect, it } from 'vitest';
import { validatorOf } from './conformance.ts';

// The conformance matrix passes only if the validators can fail: each known departure the proxy once made is
// still caught, and the reading of the documents (nullable, discriminators, unions) is pinned here.
describe('the published-schema validators catch what they must', () => {
  const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] };

  it('schema: openai chat chunk — system_fingerprint null is refused, absent is fine', () => {
    const openai = validatorOf('openai');
    expect(openai.check('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    expect(
      openai.check('CreateChatCompletionStreamResponse', { ...chunk, system_fingerprint: null }),
    ).toEqual(['/system_fingerprint must be string {"type":"string"}']);
  });

  it('schema: openai Response — a function tool needs strict, the error code must be a published one', () => {
    const openai = validatorOf('openai');
    expect(openai.check('Tool', { type: 'function', name: 'f', parameters: {} })).toEqual([
      `(root) must have required property 'strict' {"missingProperty":"strict"}`,
    ]);
    expect(openai.check('Tool', { type: 'function', name: 'f', parameters: {}, strict: null })).toEqual([]);
    expect(openai.check('ResponseError', { code: 'server_error', message: 'x' })).toEqual([]);
    expect(openai.check('ResponseError', { code: 'stream_truncated', message: 'x' })).not.toEqual([]);
  });

  it('schema: openai nullable — OpenAPI 3.0 `nullable: true` in the 3.1 document still allows null', () => {
    // CreateChatCompletionRequest.max_completion_tokens is `type: integer, nullable: true`.
    const openai = validatorOf('openai');
    const request = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    expect(openai.check('CreateChatCompletionRequest', { ...request, max_completion_tokens: null })).toEqual(
      [],
    );
    expect(
      openai.check('CreateChatCompletionRequest', { ...request, max_completion_tokens: 'x' }),
    ).not.toEqual([]);
  });

  it('schema: stream unions — an event is matched to its member by type, an unknown type to none', () => {
    const openai = validatorOf('openai');
    const anthropic = validatorOf('anthropic');
    expect(openai.unionMember('ResponseStreamEvent', 'response.output_text.delta')).toBe(
      'ResponseTextDeltaEvent',
    );
    expect(openai.unionMember('ResponseStreamEvent', 'response.nonsense')).toBeUndefined();
    expect(anthropic.unionMember('MessageStreamEvent', 'message_start')).toBe('MessageStartEvent');
    expect(anthropic.unionMember('MessageStreamEvent', 'ping')).toBeUndefined();
  });

  it('schema: anthropic Message — the always-present nullable fields are required', () => {
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [{ type: 'text', text: 'hi', citations: null }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      container: null,
      usage: {
        input_tokens: 1,
        output_tokens: 1,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_creation: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: null,
        inference_geo: null,
      },
    };
    const anthropic = validatorOf('anthropic');
    expect(anthropic.check('Message', message)).toEqual([]);
    const { container: _container, ...withoutContainer } = message;
    expect(anthropic.check('Message', withoutContainer)).toEqual([
      `(root) must have required property 'container' {"missingProperty":"container"}`,
    ]);
  });
});
