import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaneServer, withFast, type PlaneServer } from '../model-plane/testing/plane-server.ts';
import { at, jsonData, postSse } from '../model-plane/testing/sse.ts';

let server: PlaneServer;

beforeAll(async () => {
  server = await startPlaneServer(withFast());
});
afterAll(async () => {
  await server.close();
});

const hello = { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] };
const generate = (model: string, version = 'v1beta'): string => `/${version}/models/${model}:generateContent`;
const streamArray = (model: string): string => `/v1beta/models/${model}:streamGenerateContent`;
const streamSse = (model: string): string => `${streamArray(model)}?alt=sse`;
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const weatherTool = {
  functionDeclarations: [
    { name: 'weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } },
  ],
};

function text(body: unknown): string {
  const parts = at(body, 'candidates', 0, 'content', 'parts');
  if (!Array.isArray(parts)) return '';
  return parts
    .map((part) => {
      const value = at(part, 'text');
      return typeof value === 'string' ? value : '';
    })
    .join('');
}

describe('POST /v1beta/models/{model}:generateContent', () => {
  it('answers a GenerateContentResponse from the provider the path names', async () => {
    const res = await request(server.url).post(generate('mock/mock-small')).send(hello).expect(200);
    expect(res.headers['x-switchyard-provider']).toBe('mock');
    expect(res.body).toMatchObject({
      candidates: [{ content: { role: 'model' }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 4, totalTokenCount: 6 },
      modelVersion: 'mock/mock-small',
    });
    expect(text(res.body)).toContain('Mock answer to "hello"');
    expect(at(res.body, 'responseId')).toMatch(/^[0-9a-f]{24}$/);
  });

  it('answers on /v1 too, where @google/genai posts by default', async () => {
    const res = await request(server.url).post(generate('mock/mock-small', 'v1')).send(hello).expect(200);
    expect(text(res.body)).toContain('Mock answer to "hello"');
    const missing = await request(server.url).post(generate('nope', 'v1')).send(hello).expect(404);
    expect(missing.body).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('reads a provider-qualified model whether its slash is sent raw or encoded', async () => {
    for (const model of ['mock/mock-small', 'mock%2Fmock-small', 'models/mock-small']) {
      const res = await request(server.url).post(generate(model)).send(hello).expect(200);
      expect(res.headers['x-switchyard-model']).toBe('mock-small');
    }
  });

  it('returns a function call with its arguments as an object', async () => {
    const res = await request(server.url)
      .post(generate('mock-tool-call'))
      .send({ ...hello, tools: [weatherTool] })
      .expect(200);
    expect(at(res.body, 'candidates', 0, 'content', 'parts', 0, 'functionCall')).toMatchObject({
      name: 'weather',
      args: { input: 'mock' },
    });
    expect(at(res.body, 'candidates', 0, 'finishReason')).toBe('STOP');
  });

  it('shows thought parts only when thinkingConfig.includeThoughts asks for them', async () => {
    const thoughts = async (includeThoughts: boolean): Promise<unknown[]> => {
      const res = await request(server.url)
        .post(generate('mock-reasoning'))
        .send({ ...hello, generationConfig: { thinkingConfig: { includeThoughts } } })
        .expect(200);
      const parts = at(res.body, 'candidates', 0, 'content', 'parts') as unknown[];
      return parts.filter((part) => at(part, 'thought') === true);
    };
    expect(await thoughts(false)).toEqual([]);
    expect(await thoughts(true)).toEqual([
      { text: 'Thinking about the question.', thought: true, thoughtSignature: 'mock-signature' },
    ]);
  });

  it('drops a hint another provider cannot take, and says so', async () => {
    const res = await request(server.url)
      .post(generate('mock-small'))
      .send({ ...hello, generationConfig: { topK: 5 }, tools: [{ googleSearch: {} }] })
      .expect(200);
    expect(res.headers['x-switchyard-dropped']).toBe('googleSearch, generationConfig.topK');
  });
});

describe('POST /v1beta/models/{model}:streamGenerateContent', () => {
  it('streams GenerateContentResponse chunks as SSE data frames with ?alt=sse', async () => {
    const { status, headers, frames } = await postSse(`${server.url}${streamSse('mock-small')}`, hello);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
    const chunks = jsonData(frames);
    expect(chunks.map(text).join('')).toBe('Mock answer to "hello". Mock ans');
    expect(chunks.at(-1)).toMatchObject({
      candidates: [{ finishReason: 'STOP' }],
      usageMetadata: { totalTokenCount: 6 },
      modelVersion: 'mock-small',
    });
    expect(new Set(chunks.map((chunk) => chunk['responseId'])).size).toBe(1);
  });

  it("streams Google's JSON array without alt=sse: element by element, the same chunks, valid JSON at the end", async () => {
    const sse = jsonData((await postSse(`${server.url}${streamSse('mock-small')}`, hello)).frames);
    for (const url of [streamArray('mock-small'), `${streamArray('mock-small')}?alt=json`]) {
      const response = await fetch(`${server.url}${url}`, post(hello));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await response.text();
      // Laid out as Google sends it: `[{…}`, `\n,\r\n{…}` per further chunk, `\n]`.
      expect(body).toMatch(/^\[\{/);
      expect(body.endsWith('}\n]')).toBe(true);
      expect(body.split('\n,\r\n')).toHaveLength(sse.length);
      const chunks = JSON.parse(body) as Record<string, unknown>[];
      expect(chunks.map(text)).toEqual(sse.map(text));
      expect(chunks.at(-1)).toMatchObject({ candidates: [{ finishReason: 'STOP' }], usageMetadata: {} });
    }
  });

  it('ends the JSON array with an element holding the error when the stream fails mid-way', async () => {
    const response = await fetch(`${server.url}${streamArray('mock-fail-midstream')}`, post(hello));
    expect(response.status).toBe(200);
    const chunks = JSON.parse(await response.text()) as unknown[];
    expect(text(chunks[0])).not.toBe('');
    expect(chunks.at(-1)).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
  });

  it('refuses an alt it does not serve with a 400 naming alt', async () => {
    const res = await request(server.url)
      .post(`${streamArray('mock-small')}?alt=proto`)
      .send(hello)
      .expect(400);
    expect(res.body).toEqual({
      error: {
        code: 400,
        message: expect.stringContaining('alt=sse') as unknown,
        status: 'INVALID_ARGUMENT',
      },
    });
  });
});

describe('POST /v1beta/models/{model}:streamGenerateContent as a JSON array, sent as it is made', () => {
  let stalling: PlaneServer;
  beforeAll(async () => {
    // A stream that stalls half-way for a minute: only an incremental body shows its first half in time.
    stalling = await startPlaneServer(
      withFast({ heartbeatIntervalMs: 5, providers: { mock: { stallMs: 60_000 } } }),
    );
  });
  afterAll(async () => {
    await stalling.close();
  });

  it('delivers the chunks made before a stall, keeping the array valid JSON with whitespace keep-alives', async () => {
    const controller = new AbortController();
    const response = await fetch(`${stalling.url}${streamArray('mock-stall')}`, {
      ...post(hello),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let body = '';
    // Read until the stall: text chunks, then whitespace only (the keep-alives every 5 ms).
    while (!/\n\n\n$/.test(body)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended instead of stalling: ${body}`);
      body += decoder.decode(value, { stream: true });
    }
    controller.abort();
    const soFar = JSON.parse(`${body}]`) as unknown[];
    expect(soFar.length).toBeGreaterThan(0);
    expect(soFar.map(text).join('')).toBe('Mock answer to "hello". Mock ans'.slice(0, 16));
  });
});

describe("Gemini errors in Google's shape", () => {
  it('404 NOT_FOUND for an unknown model and an unknown method', async () => {
    const model = await request(server.url).post(generate('no-such-model')).send(hello).expect(404);
    expect(model.body).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
    expect(at(model.body, 'error', 'message')).toContain('no-such-model');
    const method = await request(server.url)
      .post('/v1beta/models/mock-small:embedContent')
      .send(hello)
      .expect(404);
    expect(method.body).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('400 INVALID_ARGUMENT naming a field whose loss would change the answer', async () => {
    const res = await request(server.url)
      .post(generate('mock-small'))
      .send({
        ...hello,
        generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT' } },
      })
      .expect(400);
    expect(res.body).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    expect(at(res.body, 'error', 'message')).toContain('generationConfig.responseMimeType');
  });

  it('400 for a body that is not a GenerateContentRequest', async () => {
    const res = await request(server.url).post(generate('mock-small')).send({ contents: 'hi' }).expect(400);
    expect(res.body).toMatchObject({ error: { status: 'INVALID_ARGUMENT' } });
    expect(at(res.body, 'error', 'message')).toContain("'contents'");
  });
});

describe('POST /v1beta/models/{model}:countTokens', () => {
  it('counts contents alone or a whole generateContentRequest, saying the count is an estimate', async () => {
    const alone = await request(server.url)
      .post('/v1beta/models/mock-small:countTokens')
      .send({ contents: [{ role: 'user', parts: [{ text: 'x'.repeat(40) }] }] })
      .expect(200);
    expect(alone.body).toEqual({ totalTokens: 10 });
    expect(alone.headers['x-switchyard-token-count']).toBe('estimate');
    const whole = await request(server.url)
      .post('/v1beta/models/mock-small:countTokens')
      .send({
        generateContentRequest: {
          systemInstruction: { parts: [{ text: 'y'.repeat(40) }] },
          contents: [{ role: 'user', parts: [{ text: 'x'.repeat(40) }] }],
        },
      })
      .expect(200);
    expect(whole.body).toEqual({ totalTokens: 20 });
  });
});
