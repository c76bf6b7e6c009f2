import { GoogleGenAI, type Content, type GenerateContentResponse, type Tool } from '@google/genai';
import { FIXTURE_TEXT, FIXTURE_TOOL_CALL, PROVIDERS, PROVIDER_IDS } from '@switchyard/provider-fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { WEATHER_TOOL } from './rig/dialects.ts';
import { CLIENT_KEY } from './rig/proxy-config.ts';
import { TOOL_OUTPUT, TOOL_QUESTION, upstreamToolConversation } from './rig/tool-conversation.ts';

/**
 * Google's official JS SDK, pointed at the proxy with `httpOptions.baseUrl`, through the Gemini dialect
 * (`/v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`) to every provider and to the mock.
 * The SDK sends the client key as `x-goog-api-key` and puts `provider/model` into the path unencoded.
 */
let proxy: ContractProxy;
let genai: GoogleGenAI;
beforeAll(async () => {
  proxy = await startContractProxy({ mock: true });
  genai = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => {
  proxy.recorder.clear();
  proxy.useScenario(undefined);
});

const providers = PROVIDER_IDS.map((provider) => ({
  provider,
  model: `${provider}/${PROVIDERS[provider].defaultModel}`,
}));
const question: Content[] = [{ role: 'user', parts: [{ text: TOOL_QUESTION }] }];
const weatherTool: Tool = {
  functionDeclarations: [
    {
      name: WEATHER_TOOL.name,
      description: WEATHER_TOOL.description,
      parametersJsonSchema: WEATHER_TOOL.parameters,
    },
  ],
};

/** `provider/model` as the upstream names it. */
function upstreamModel(model: string): string {
  return model.slice(model.indexOf('/') + 1);
}

async function streamedText(
  model: string,
): Promise<{ text: string; last: GenerateContentResponse | undefined }> {
  let text = '';
  let last: GenerateContentResponse | undefined;
  for await (const chunk of await genai.models.generateContentStream({ model, contents: 'hello' })) {
    text += chunk.text ?? '';
    last = chunk;
  }
  return { text, last };
}

describe('official @google/genai SDK through proxy-core to each provider', () => {
  it.each(providers)('sdk: $provider × gemini × not streamed', async ({ provider, model }) => {
    const response = await genai.models.generateContent({ model, contents: 'hello' });
    expect(response.text).toBe(FIXTURE_TEXT);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata?.totalTokenCount).toBe(30);
    // The model that really answered: the upstream's own id (the fixtures answer as the model they were asked).
    expect(response.modelVersion).toBe(upstreamModel(model));
    expect(proxy.recorder.requests(provider)).toHaveLength(1);
  });

  it.each(providers)('sdk: $provider × gemini × streamed', async ({ model }) => {
    const { text, last } = await streamedText(model);
    expect(text).toBe(FIXTURE_TEXT);
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last?.usageMetadata?.totalTokenCount).toBe(30);
    expect(last?.modelVersion).toBe(upstreamModel(model));
  });

  it.each(providers)('sdk: $provider × gemini × function-call round trip', async ({ provider, model }) => {
    proxy.useScenario('tool-call');
    const first = await genai.models.generateContent({
      model,
      contents: question,
      config: { tools: [weatherTool] },
    });
    const call = first.functionCalls?.[0];
    expect([call?.name, call?.args]).toEqual([FIXTURE_TOOL_CALL.name, FIXTURE_TOOL_CALL.input]);

    proxy.useScenario('plain');
    const second = await genai.models.generateContent({
      model,
      config: { tools: [weatherTool] },
      contents: [
        ...question,
        first.candidates?.[0]?.content ?? {},
        {
          role: 'user',
          parts: [
            {
              functionResponse: {
                ...(call?.id === undefined ? {} : { id: call.id }),
                name: FIXTURE_TOOL_CALL.name,
                response: { output: JSON.parse(TOOL_OUTPUT) as unknown },
              },
            },
          ],
        },
      ],
    });
    expect(second.text).toBe(FIXTURE_TEXT);
    const resent = proxy.recorder.requests(provider).at(-1)?.body;
    expect(resent).toMatchObject(upstreamToolConversation(provider, call?.id ?? ''));
  });

  it.each(providers)('sdk: $provider × gemini × streamed function call', async ({ model }) => {
    proxy.useScenario('tool-call');
    const stream = await genai.models.generateContentStream({
      model,
      contents: question,
      config: { tools: [weatherTool] },
    });
    const calls = [];
    for await (const chunk of stream) calls.push(...(chunk.functionCalls ?? []));
    expect(calls.map((call) => [call.name, call.args])).toEqual([
      [FIXTURE_TOOL_CALL.name, FIXTURE_TOOL_CALL.input],
    ]);
  });
});

describe("a raw client reading Google's JSON-array stream (no alt=sse) through proxy-core to each provider", () => {
  it.each(providers)('raw: $provider × gemini × JSON-array stream', async ({ model }) => {
    const response = await fetch(`${proxy.url}/v1beta/models/${model}:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': CLIENT_KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const chunks = JSON.parse(await response.text()) as GenerateContentResponse[];
    const text = chunks
      .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
      .map((part) => part.text);
    expect(text.join('')).toBe(FIXTURE_TEXT);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata?.totalTokenCount).toBe(30);
  });
});

describe('official @google/genai SDK through proxy-core to the mock provider', () => {
  it('sdk: mock × gemini × streamed and not streamed say the same', async () => {
    const response = await genai.models.generateContent({ model: 'mock/mock-small', contents: 'hello' });
    expect(response.text).toMatch(/^Mock answer to "hello"/);
    expect((await streamedText('mock/mock-small')).text).toBe(response.text);
  });

  it('sdk: mock × gemini × apiVersion v1beta, the path the Gemini CLI and older SDKs use', async () => {
    const beta = new GoogleGenAI({
      apiKey: CLIENT_KEY,
      httpOptions: { baseUrl: proxy.url, apiVersion: 'v1beta' },
    });
    const response = await beta.models.generateContent({ model: 'mock/mock-small', contents: 'hello' });
    expect(response.text).toMatch(/^Mock answer to "hello"/);
  });

  it('sdk: mock × gemini × lists and gets models on its default /v1, as on v1beta', async () => {
    const beta = new GoogleGenAI({
      apiKey: CLIENT_KEY,
      httpOptions: { baseUrl: proxy.url, apiVersion: 'v1beta' },
    });
    for (const client of [genai, beta]) {
      const names: string[] = [];
      for await (const model of await client.models.list()) names.push(model.name ?? '');
      expect(names).toContain('models/mock/mock-small');
      expect(names).toContain(`models/gemini/${PROVIDERS.gemini.defaultModel}`);
      const model = await client.models.get({ model: 'mock/mock-small' });
      expect(model.supportedActions).toEqual(['generateContent', 'streamGenerateContent', 'countTokens']);
    }
  });

  it('sdk: mock × gemini × countTokens', async () => {
    const { totalTokens } = await genai.models.countTokens({
      model: 'mock/mock-small',
      contents: 'x'.repeat(40),
    });
    expect(totalTokens).toBe(10);
  });

  it('sdk: mock × gemini × function call', async () => {
    const response = await genai.models.generateContent({
      model: 'mock/mock-tool-call',
      contents: question,
      config: { tools: [weatherTool] },
    });
    expect(response.functionCalls?.map((call) => call.name)).toEqual([WEATHER_TOOL.name]);
  });

  it("sdk: a refused field is an ApiError carrying Google's status", async () => {
    const refused = genai.models.generateContent({
      model: 'mock/mock-small',
      contents: 'hello',
      config: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT' as never } },
    });
    await expect(refused).rejects.toMatchObject({ status: 400 });
    await expect(refused).rejects.toThrow(/generationConfig\.responseMimeType/);
  });

  it('sdk: a wrong key is refused with 401', async () => {
    const stranger = new GoogleGenAI({ apiKey: 'not-a-key', httpOptions: { baseUrl: proxy.url } });
    await expect(
      stranger.models.generateContent({ model: 'mock/mock-small', contents: 'hi' }),
    ).rejects.toMatchObject({
      status: 401,
    });
  });
});
