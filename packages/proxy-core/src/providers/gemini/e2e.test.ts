import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import {
  clientKeyNeverSent,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../shared/testing/plane-with-upstream.ts';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    gemini: { baseUrl: `${baseUrl}/v1beta`, keys: ['g-key'] },
  }));
});
afterAll(async () => {
  await rig.close();
});

describe('gemini end to end through createModelPlane', () => {
  it('streamed chat client → streamGenerateContent?alt=sse with x-goog-api-key and thinkingConfig from the suffix', async () => {
    rig.upstream.requests.length = 0;
    const body =
      sse.data({ candidates: [{ content: { role: 'model', parts: [{ text: 'Bon' }] } }] }) +
      sse.data({
        candidates: [{ content: { role: 'model', parts: [{ text: 'jour' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2 },
      });
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [body.slice(0, 33), body.slice(33)],
    }));
    const reply = await rig.post(
      '/v1/chat/completions',
      {
        model: 'gemini-2.5-flash(8192)',
        stream: true,
        stream_options: { include_usage: true },
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
      },
      { 'idempotency-key': 'idem-g' },
    );
    expect(reply.status).toBe(200);
    const chunks = jsonData(parseSse(reply.text));
    const text = chunks
      .map(
        (chunk) =>
          (chunk['choices'] as { delta?: { content?: string } }[] | undefined)?.[0]?.delta?.content ?? '',
      )
      .join('');
    expect(text).toBe('Bonjour');
    expect(chunks.at(-1)).toMatchObject({ usage: { prompt_tokens: 4, completion_tokens: 2 } });
    const [request] = rig.upstream.requests;
    expect(request?.url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(request?.headers['x-goog-api-key']).toBe('g-key');
    expect(request?.headers['idempotency-key']).toBeUndefined();
    expect(request?.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      generationConfig: { thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } },
    });
    expect(clientKeyNeverSent(rig.upstream)).toBe(true);
  });

  it('non-streamed Messages client → generateContent; a 503 keeps its status and retry-after', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      chunks: [
        JSON.stringify({
          candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'MAX_TOKENS' }],
        }),
      ],
    }));
    const reply = await rig.post('/v1/messages', {
      model: 'gemini-2.5-flash',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(JSON.parse(reply.text)).toMatchObject({
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'max_tokens',
    });
    expect(rig.upstream.requests[0]?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    rig.upstream.respond(() => ({
      status: 503,
      headers: { 'retry-after': '4' },
      chunks: ['{"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}}'],
    }));
    const failed = await rig.post('/v1/messages', {
      model: 'gemini-2.5-flash',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('4');
    expect(JSON.parse(failed.text)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('rejects an http image URL with 400 naming gemini, before calling the upstream', async () => {
    rig.upstream.requests.length = 0;
    const reply = await rig.post('/v1/chat/completions', {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] },
      ],
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({
      error: { code: 'unsupported_feature', message: expect.stringContaining('"gemini"') },
    });
    expect(rig.upstream.requests).toHaveLength(0);
  });
});
