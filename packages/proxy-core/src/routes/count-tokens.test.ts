import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_KEY,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    anthropic: { baseUrl: `${baseUrl}/anthropic`, keys: ['ak-key'] },
    deepseek: { baseUrl: `${baseUrl}/deepseek`, keys: ['ds-key'] },
    gemini: { baseUrl: `${baseUrl}/gemini`, keys: ['gm-key'] },
  }));
});
afterAll(async () => {
  await rig.close();
});

/** The upstream's next answers: this JSON body with this status. */
function answerJson(body: string, status = 200): void {
  rig.upstream.respond(() => ({ status, headers: { 'content-type': 'application/json' }, chunks: [body] }));
}

const body = (model: string) => ({
  model,
  system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'How many tokens is this prompt?' }],
  tools: [{ name: 'Read', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }],
});

describe('POST /v1/messages/count_tokens', () => {
  it('asks Anthropic itself for an exact count, with the request as it would be sent (no max_tokens)', async () => {
    rig.upstream.requests.length = 0;
    answerJson('{"input_tokens":1234}');
    const reply = await rig.post('/v1/messages/count_tokens', body('anthropic/claude-sonnet-4-5'));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ input_tokens: 1234 });
    expect(reply.headers.get('x-switchyard-token-count')).toBe('exact');
    const sent = rig.upstream.requests.at(-1);
    expect(sent?.url).toBe('/anthropic/messages/count_tokens');
    expect(sent?.headers['x-api-key']).toBe('ak-key');
    expect(sent?.body).toMatchObject({ model: 'claude-sonnet-4-5', tools: [{ name: 'Read' }] });
    expect(sent?.body).not.toHaveProperty('max_tokens');
    expect(sent?.body).not.toHaveProperty('stream');
  });

  it('estimates for a provider without a counting endpoint — never a silent zero — and says so', async () => {
    rig.upstream.requests.length = 0;
    const reply = await rig.post('/v1/messages/count_tokens', body('deepseek/deepseek-chat'));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-token-count')).toBe('estimate');
    const { input_tokens: tokens } = JSON.parse(reply.text) as { input_tokens: number };
    expect(tokens).toBeGreaterThan(10);
    expect(tokens).toBeLessThan(200);
    expect(rig.upstream.requests).toHaveLength(0);
  });

  it('answers an upstream failure in the Anthropic shape, a refused key as the proxy’s own 502', async () => {
    answerJson(
      '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key ak-key"}}',
      401,
    );
    const reply = await rig.post('/v1/messages/count_tokens', body('anthropic/claude-sonnet-4-5'));
    expect(reply.status).toBe(502);
    expect(JSON.parse(reply.text)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    expect(reply.text).not.toContain('invalid x-api-key');
    const bad = await rig.post('/v1/messages/count_tokens', { model: 'anthropic/claude-sonnet-4-5' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});

const geminiBody = {
  systemInstruction: { parts: [{ text: 'You are terse.' }] },
  contents: [{ role: 'user', parts: [{ text: 'How many tokens is this prompt?' }] }],
  tools: [{ functionDeclarations: [{ name: 'read_file', parameters: { type: 'OBJECT' } }] }],
  generationConfig: { thinkingConfig: { includeThoughts: true } },
};

describe('POST /v1beta/models/{model}:countTokens', () => {
  it('asks Gemini itself for an exact count, the request as it would be sent as a generateContentRequest', async () => {
    rig.upstream.requests.length = 0;
    answerJson('{"totalTokens":321,"promptTokensDetails":[{"modality":"TEXT","tokenCount":321}]}');
    const reply = await rig.post('/v1beta/models/gemini/gemini-2.5-flash:countTokens', geminiBody, {
      'x-goog-api-key': CLIENT_KEY,
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ totalTokens: 321 });
    expect(reply.headers.get('x-switchyard-token-count')).toBe('exact');
    const sent = rig.upstream.requests.at(-1);
    expect(sent?.url).toBe('/gemini/models/gemini-2.5-flash:countTokens');
    expect(sent?.headers['x-goog-api-key']).toBe('gm-key');
    // Google takes contents alone or one whole generateContentRequest naming its model, never both.
    expect(sent?.body).toEqual({
      generateContentRequest: expect.objectContaining({
        model: 'models/gemini-2.5-flash',
        systemInstruction: geminiBody.systemInstruction,
        contents: geminiBody.contents,
        tools: [{ functionDeclarations: [expect.objectContaining({ name: 'read_file' })] }],
      }) as unknown,
    });
  });

  it('is exact for a Messages client routed to Gemini too, and an estimate for a Gemini client routed elsewhere', async () => {
    answerJson('{"totalTokens":77}');
    const messages = await rig.post('/v1/messages/count_tokens', body('gemini/gemini-2.5-flash'));
    expect(JSON.parse(messages.text)).toEqual({ input_tokens: 77 });
    expect(messages.headers.get('x-switchyard-token-count')).toBe('exact');
    expect(rig.upstream.requests.at(-1)?.body).toMatchObject({
      generateContentRequest: { tools: [{ functionDeclarations: [{ name: 'Read' }] }] },
    });

    rig.upstream.requests.length = 0;
    const elsewhere = await rig.post('/v1beta/models/deepseek/deepseek-chat:countTokens', geminiBody);
    expect(elsewhere.headers.get('x-switchyard-token-count')).toBe('estimate');
    expect((JSON.parse(elsewhere.text) as { totalTokens: number }).totalTokens).toBeGreaterThan(10);
    expect(rig.upstream.requests).toHaveLength(0);
  });

  it("answers a Gemini failure in Google's shape, and a count without totalTokens as a 502", async () => {
    answerJson(
      '{"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT"}}',
      400,
    );
    const refused = await rig.post('/v1beta/models/gemini/gemini-2.5-flash:countTokens', geminiBody);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    answerJson('{}');
    const empty = await rig.post('/v1beta/models/gemini/gemini-2.5-flash:countTokens', geminiBody);
    expect(empty.status).toBe(502);
    expect(JSON.parse(empty.text)).toMatchObject({ error: { code: 502 } });
    expect(empty.text).toContain('totalTokens');
  });
});
