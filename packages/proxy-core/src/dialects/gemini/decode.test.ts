import { describe, expect, it } from 'vitest';
import { ApiError } from '../../http/api-error.ts';
import { decodeGenerateContentRequest } from './decode.ts';

const call = { model: 'gemini-2.5-flash', stream: false };
const user = (text: string) => ({ role: 'user', parts: [{ text }] });

function errorOf(body: unknown): ApiError['spec'] {
  try {
    decodeGenerateContentRequest(body, call);
  } catch (error) {
    if (error instanceof ApiError) return error.spec;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('decodeGenerateContentRequest', () => {
  it('takes the model and streaming from the URL, the rest from the body', () => {
    const decoded = decodeGenerateContentRequest(
      {
        systemInstruction: { parts: [{ text: 'be brief' }] },
        contents: [user('hi'), { role: 'model', parts: [{ text: 'hello' }] }, user('again')],
        generationConfig: { temperature: 0.5, topP: 0.9, maxOutputTokens: 64, stopSequences: ['END'] },
      },
      { model: 'openai/gpt-4o', stream: true },
    );
    expect(decoded).toMatchObject({
      dialect: 'gemini',
      model: 'openai/gpt-4o',
      stream: true,
      system: [{ type: 'text', text: 'be brief' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
        { role: 'user', content: [{ type: 'text', text: 'again' }] },
      ],
      temperature: 0.5,
      topP: 0.9,
      maxOutputTokens: 64,
      stopSequences: ['END'],
      includeThoughts: false,
    });
    expect(decoded.nativeFields).toBeUndefined();
  });

  it('pairs function responses with their calls by name, oldest first, and unwraps {output}/{error}', () => {
    const decoded = decodeGenerateContentRequest(
      {
        contents: [
          user('weather?'),
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-1' },
              { functionCall: { name: 'weather', args: { city: 'Rome' } } },
            ],
          },
          {
            role: 'user',
            parts: [
              { functionResponse: { name: 'weather', response: { output: { temp_c: 21 } } } },
              { functionResponse: { name: 'weather', response: { error: 'no data' } } },
            ],
          },
        ],
      },
      call,
    );
    const [, model, results] = decoded.messages;
    expect(model?.content).toEqual([
      { type: 'reasoning', text: '', signature: 'sig-1', issuer: 'gemini' },
      { type: 'tool_call', id: 'call_weather_0', name: 'weather', arguments: '{"city":"Paris"}' },
      { type: 'tool_call', id: 'call_weather_1', name: 'weather', arguments: '{"city":"Rome"}' },
    ]);
    expect(results?.content).toEqual([
      {
        type: 'tool_result',
        toolCallId: 'call_weather_0',
        content: [{ type: 'text', text: '{"temp_c":21}' }],
        isError: false,
      },
      {
        type: 'tool_result',
        toolCallId: 'call_weather_1',
        content: [{ type: 'text', text: 'no data' }],
        isError: true,
      },
    ]);
  });

  it('keeps ids a client sent with its calls and responses', () => {
    const decoded = decodeGenerateContentRequest(
      {
        contents: [
          { role: 'model', parts: [{ functionCall: { id: 'c-9', name: 'f', args: {} } }] },
          { role: 'user', parts: [{ functionResponse: { id: 'c-9', name: 'f', response: { ok: true } } }] },
        ],
      },
      call,
    );
    expect(decoded.messages[1]?.content[0]).toMatchObject({
      toolCallId: 'c-9',
      content: [{ text: '{"ok":true}' }],
    });
  });

  it('refuses a function response that answers no call, naming the part', () => {
    expect(
      errorOf({ contents: [{ role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] }] }),
    ).toMatchObject({ status: 400, param: 'contents[0].parts[0].functionResponse' });
  });

  it('reads thought parts as reasoning and images as images; refuses other media', () => {
    const decoded = decodeGenerateContentRequest(
      {
        contents: [
          { role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }] },
          { role: 'model', parts: [{ text: 'pondering', thought: true, thoughtSignature: 'anthropic-sig' }] },
        ],
      },
      call,
    );
    expect(decoded.messages.map((message) => message.content[0])).toEqual([
      { type: 'image', source: 'base64', mediaType: 'image/png', data: 'AAAA' },
      { type: 'reasoning', text: 'pondering', signature: 'anthropic-sig' },
    ]);
    expect(
      errorOf({ contents: [{ parts: [{ inlineData: { mimeType: 'application/pdf', data: 'AAAA' } }] }] }),
    ).toMatchObject({ status: 400, param: 'contents[0].parts[0].inlineData' });
  });

  it('turns OpenAPI `parameters` into JSON Schema and hosted tools into dropped hints', () => {
    const decoded = decodeGenerateContentRequest(
      {
        contents: [user('hi')],
        tools: [
          {
            functionDeclarations: [
              {
                name: 'weather',
                description: 'Weather for a city',
                parameters: {
                  type: 'OBJECT',
                  properties: { city: { type: 'STRING', nullable: true } },
                  required: ['city'],
                  propertyOrdering: ['city'],
                },
              },
              { name: 'raw', parametersJsonSchema: { type: 'object', additionalProperties: false } },
            ],
          },
          { googleSearch: {} },
        ],
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] } },
      },
      call,
    );
    expect(decoded.tools).toEqual([
      {
        name: 'weather',
        description: 'Weather for a city',
        parameters: {
          type: 'object',
          properties: { city: { type: ['string', 'null'] } },
          required: ['city'],
        },
      },
      { name: 'raw', parameters: { type: 'object', additionalProperties: false } },
    ]);
    expect(decoded.toolChoice).toEqual({ type: 'tool', name: 'weather' });
    expect(decoded.hintTools).toEqual(['googleSearch']);
    expect(decoded.nativeTools?.dialect).toBe('gemini');
  });

  it('maps thinkingConfig to the canonical thinking request, a level winning over a budget', () => {
    const thinking = (thinkingConfig: Record<string, unknown>) =>
      decodeGenerateContentRequest({ contents: [user('hi')], generationConfig: { thinkingConfig } }, call);
    expect(thinking({ thinkingBudget: 1024, includeThoughts: true })).toMatchObject({
      thinking: { budgetTokens: 1024 },
      includeThoughts: true,
    });
    expect(thinking({ thinkingBudget: 0, thinkingLevel: 'HIGH' }).thinking).toEqual({ effort: 'HIGH' });
    expect(thinking({ includeThoughts: true }).thinking).toBeUndefined();
  });

  it('keeps uncarried fields for Gemini, marking those whose loss would change the answer', () => {
    const decoded = decodeGenerateContentRequest(
      {
        contents: [user('hi')],
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        generationConfig: {
          topK: 3,
          responseMimeType: 'application/json',
          responseSchema: { type: 'OBJECT' },
        },
      },
      call,
    );
    expect(decoded.nativeFields).toEqual({
      dialect: 'gemini',
      fields: {
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        'generationConfig.topK': 3,
        'generationConfig.responseMimeType': 'application/json',
        'generationConfig.responseSchema': { type: 'OBJECT' },
      },
      semantic: ['generationConfig.responseMimeType', 'generationConfig.responseSchema'],
    });
    const plain = decodeGenerateContentRequest(
      { contents: [user('hi')], generationConfig: { responseMimeType: 'text/plain' } },
      call,
    );
    expect(plain.nativeFields?.semantic).toBeUndefined();
  });

  it('names the field of a malformed body, and refuses what no provider but Gemini can do', () => {
    expect(errorOf({ contents: [] })).toMatchObject({ status: 400, param: 'contents' });
    expect(errorOf({ contents: [user('hi')], generationConfig: { temperature: 'hot' } })).toMatchObject({
      param: 'generationConfig.temperature',
    });
    expect(
      errorOf({ contents: [user('hi')], toolConfig: { functionCallingConfig: { mode: 'VALIDATED' } } }),
    ).toMatchObject({ param: 'toolConfig.functionCallingConfig.mode' });
    expect(
      errorOf({ contents: [{ role: 'model', parts: [{ executableCode: { code: 'print(1)' } }] }] }),
    ).toMatchObject({ param: 'contents[0].parts[0]' });
  });
});
