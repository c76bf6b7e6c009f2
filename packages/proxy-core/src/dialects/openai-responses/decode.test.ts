import { describe, expect, it } from 'vitest';
import { ApiError } from '../../http/api-error.ts';
import { decodeResponsesRequest } from './decode.ts';

/** The error spec a body is refused with; fails the test when the body is accepted. */
function rejection(raw: unknown): ApiError['spec'] {
  try {
    decodeResponsesRequest(raw);
  } catch (error) {
    if (error instanceof ApiError) return error.spec;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });

describe('decodeResponsesRequest', () => {
  it('decodes a string input into one user turn with nothing else set', () => {
    const body = { model: 'gpt-x', input: 'hello' };
    expect(decodeResponsesRequest(body)).toStrictEqual({
      dialect: 'openai-responses',
      model: 'gpt-x',
      body,
      previousResponseId: undefined,
      inputSystem: [],
      system: [],
      messages: [user('hello')],
      tools: [],
      stopSequences: [],
      stream: false,
    });
  });

  it('decodes message items with text and image parts, joining consecutive items of one role', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is ' },
            { type: 'input_image', image_url: 'https://images.example.com/cat.png', detail: 'high' },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' }],
        },
        {
          type: 'message',
          role: 'assistant',
          content: [
            { type: 'output_text', text: 'A cat.' },
            { type: 'refusal', refusal: ' No more.' },
          ],
        },
        { role: 'user', content: 'Thanks' },
      ],
    });
    expect(decoded.messages).toStrictEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is ' },
          { type: 'image', source: 'url', url: 'https://images.example.com/cat.png', detail: 'high' },
          { type: 'image', source: 'url', url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'A cat.' },
          { type: 'text', text: ' No more.' },
        ],
      },
      user('Thanks'),
    ]);
    expect(decoded.system).toStrictEqual([]);
  });

  it('refuses an image in a system or developer item instead of dropping it', () => {
    for (const role of ['system', 'developer'] as const) {
      expect(() =>
        decodeResponsesRequest({
          model: 'm',
          input: [
            { role, content: [{ type: 'input_image', image_url: 'https://images.example.com/cat.png' }] },
            { role: 'user', content: 'hi' },
          ],
        }),
      ).toThrow(expect.objectContaining({ spec: expect.objectContaining({ status: 400, param: 'input' }) }));
    }
  });

  it('puts instructions first and lifts system and developer items into system text', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      instructions: 'Be brief.',
      input: [
        { role: 'system', content: 'You are a proxy test.' },
        { role: 'user', content: 'hi' },
        {
          type: 'message',
          role: 'developer',
          content: [
            { type: 'input_text', text: 'Answer ' },
            { type: 'input_text', text: 'in French.' },
          ],
        },
      ],
    });
    expect(decoded.system).toStrictEqual(
      ['Be brief.', 'You are a proxy test.', 'Answer in French.'].map((text) => ({ type: 'text', text })),
    );
    expect(decoded.messages).toStrictEqual([user('hi')]);

    expect(decodeResponsesRequest({ model: 'm', instructions: '', input: 'hi' }).system).toStrictEqual([]);
    expect(decodeResponsesRequest({ model: 'm', instructions: null, input: 'hi' }).system).toStrictEqual([]);
  });

  it('turns function_call and function_call_output items into a tool call and its result', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [
            { type: 'summary_text', text: 'Need the ' },
            { type: 'summary_text', text: 'weather.' },
          ],
          encrypted_content: 'opaque',
        },
        {
          type: 'function_call',
          id: 'fc_1',
          status: 'completed',
          call_id: 'call_paris',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
        },
        { type: 'function_call', call_id: 'call_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'call_paris', output: '{"temp_c":21}' },
        {
          type: 'function_call_output',
          call_id: 'call_rome',
          output: [
            { type: 'input_text', text: '{"temp_c":' },
            { type: 'input_text', text: '25}' },
          ],
        },
        { role: 'user', content: 'And tomorrow?' },
      ],
    });
    expect(decoded.messages).toStrictEqual([
      user('Weather in Paris and Rome?'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need the weather.' },
          { type: 'tool_call', id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'call_paris',
            content: [{ type: 'text', text: '{"temp_c":21}' }],
            isError: false,
          },
          {
            type: 'tool_result',
            toolCallId: 'call_rome',
            content: [{ type: 'text', text: '{"temp_c":25}' }],
            isError: false,
          },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
    ]);
  });

  it('keeps a reasoning item without a summary as empty reasoning', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'q' },
        { type: 'reasoning', encrypted_content: 'opaque' },
        { role: 'assistant', content: 'a' },
      ],
    });
    expect(decoded.messages).toStrictEqual([
      user('q'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '' },
          { type: 'text', text: 'a' },
        ],
      },
    ]);
  });

  it('maps tools, with a default parameters schema when none is given', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      input: 'hi',
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: true,
        },
        { type: 'function', name: 'now', description: null, parameters: null, strict: null },
      ],
      parallel_tool_calls: false,
    });
    expect(decoded.tools).toStrictEqual([
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        strict: true,
      },
      { name: 'now', parameters: { type: 'object', properties: {} } },
    ]);
    expect(decoded.parallelToolCalls).toBe(false);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'required' }],
    [
      { type: 'function', name: 'get_weather' },
      { type: 'tool', name: 'get_weather' },
    ],
  ] as const)('maps tool_choice %j to %j', (toolChoice, expected) => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      input: 'hi',
      tools: [{ type: 'function', name: 'get_weather' }],
      tool_choice: toolChoice,
    });
    expect(decoded.toolChoice).toStrictEqual(expected);
  });

  it('leaves toolChoice out when the client sets none', () => {
    expect(decodeResponsesRequest({ model: 'm', input: 'hi' })).not.toHaveProperty('toolChoice');
  });

  it('carries reasoning effort and summary, output limit and sampling settings', () => {
    const body = {
      model: 'm',
      input: 'hi',
      reasoning: { effort: 'high', summary: 'auto' },
      max_output_tokens: 512,
      temperature: 0.2,
      top_p: 0.5,
      metadata: { team: 'contracts' },
      stream: true,
    };
    expect(decodeResponsesRequest(body)).toStrictEqual({
      dialect: 'openai-responses',
      model: 'm',
      body,
      previousResponseId: undefined,
      inputSystem: [],
      system: [],
      messages: [user('hi')],
      tools: [],
      maxOutputTokens: 512,
      temperature: 0.2,
      topP: 0.5,
      stopSequences: [],
      thinking: { effort: 'high', summary: 'auto' },
      stream: true,
      metadata: { team: 'contracts' },
    });
  });

  it('asks for no thinking when reasoning has no effort', () => {
    const decoded = decodeResponsesRequest({ model: 'm', input: 'hi', reasoning: { effort: null } });
    expect(decoded).not.toHaveProperty('thinking');
    expect(decoded).not.toHaveProperty('maxOutputTokens');
  });

  it('streams in WebSocket mode whatever the body says', () => {
    expect(decodeResponsesRequest({ model: 'm', input: 'hi' }, true).stream).toBe(true);
    expect(decodeResponsesRequest({ model: 'm', input: 'hi', stream: false }, true).stream).toBe(true);
    expect(decodeResponsesRequest({ model: 'm', input: 'hi', stream: false }).stream).toBe(false);
    expect(decodeResponsesRequest({ model: 'm', input: 'hi' }).stream).toBe(false);
  });

  it('accepts an empty input when continuing a previous response', () => {
    const decoded = decodeResponsesRequest({ model: 'm', previous_response_id: 'resp_1', input: [] });
    expect(decoded.previousResponseId).toBe('resp_1');
    expect(decoded.messages).toStrictEqual([]);
    expect(decodeResponsesRequest({ model: 'm', previous_response_id: 'resp_1' }).messages).toStrictEqual([]);
  });

  it('accepts the no-op values of refused features', () => {
    expect(() =>
      decodeResponsesRequest({
        model: 'm',
        input: 'hi',
        background: false,
        text: { format: { type: 'text' } },
      }),
    ).not.toThrow();
  });

  it('refuses background responses', () => {
    expect(rejection({ model: 'm', input: 'hi', background: true })).toStrictEqual({
      status: 400,
      code: 'unsupported_parameter',
      param: 'background',
      message: 'Background responses are not supported by this proxy.',
    });
  });

  it.each([
    ['no input', { model: 'm' }],
    ['an empty input list', { model: 'm', input: [] }],
    ['only system text', { model: 'm', input: [{ role: 'system', content: 'sys' }] }],
  ])('refuses %s without previous_response_id', (_name, body) => {
    expect(rejection(body)).toStrictEqual({
      status: 400,
      code: 'unsupported_parameter',
      param: 'input',
      message: "'input' must contain at least one user message.",
    });
  });

  it('keeps what it does not carry as native fields, marking structured output as what changes the answer', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      input: 'hi',
      text: { format: { type: 'json_schema', name: 'w', schema: { type: 'object' } }, verbosity: 'low' },
      reasoning: { effort: 'high', summary: 'auto' },
      prompt_cache_key: 'thread-1',
      service_tier: 'flex',
    });
    expect(decoded.nativeFields).toEqual({
      dialect: 'openai-responses',
      fields: {
        prompt_cache_key: 'thread-1',
        service_tier: 'flex',
        'text.format': { type: 'json_schema', name: 'w', schema: { type: 'object' } },
        'text.verbosity': 'low',
      },
      semantic: ['text.format'],
    });
    const plain = decodeResponsesRequest({ model: 'm', input: 'hi', text: { format: { type: 'text' } } });
    expect(plain.nativeFields?.semantic).toBeUndefined();
  });

  it.each([
    ['model', { input: 'hi' }],
    [
      'input[0].content[0].image_url',
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', image_url: '' }] }] },
    ],
    ['tools[0].name', { model: 'm', input: 'hi', tools: [{ type: 'function' }] }],
    ['tool_choice', { model: 'm', input: 'hi', tool_choice: 'sometimes' }],
    ['max_output_tokens', { model: 'm', input: 'hi', max_output_tokens: 0 }],
    ['temperature', { model: 'm', input: 'hi', temperature: 3 }],
  ])('refuses a malformed body naming %s', (param, body) => {
    const spec = rejection(body);
    expect(spec).toMatchObject({ status: 400, code: 'invalid_request_body', param });
    expect(spec.message).toContain(`'${param}'`);
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [null, 'hi', [{ model: 'm' }]]) {
      expect(rejection(body)).toStrictEqual({
        status: 400,
        code: 'invalid_request_body',
        message: 'Request body must be a JSON object.',
      });
    }
  });
});
