/**
 * The Responses field policy through the real plane and a loopback upstream: what Codex and other Responses clients
 * send beyond the canonical request (prompt_cache_key, service_tier, truncation, text.verbosity, text.format,
 * reasoning.summary) reaches OpenAI's Responses API verbatim; a provider that does not speak the Responses API
 * drops the hints with `x-switchyard-dropped` and refuses structured output with a 400 naming `text.format`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { startPlaneWithUpstream, type PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';

const RESPONSES_ANSWER = JSON.stringify({
  id: 'resp_up',
  status: 'completed',
  output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: '{"ok":true}' }] }],
  usage: { input_tokens: 5, output_tokens: 2 },
});
const CHAT_ANSWER = JSON.stringify({
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1 },
});

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    openai: { baseUrl: `${baseUrl}/openai`, keys: ['sk-upstream-1'] },
    deepseek: { baseUrl: `${baseUrl}/deepseek`, keys: ['ds-key'] },
  }));
  rig.upstream.respond((request) => ({
    headers: { 'content-type': 'application/json' },
    chunks: [request.url.startsWith('/openai') ? RESPONSES_ANSWER : CHAT_ANSWER],
  }));
});
afterAll(async () => {
  await rig.close();
});

const HINTS = {
  prompt_cache_key: 'codex-thread-7',
  service_tier: 'flex',
  truncation: 'auto',
  reasoning: { effort: 'low', summary: 'auto' },
  text: { verbosity: 'low' },
};
const FORMAT = { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true };
const lastBody = (): Record<string, unknown> => rig.upstream.requests.at(-1)?.body as Record<string, unknown>;

describe('Responses field policy', () => {
  it('hands OpenAI what the client sent, verbatim, and drops nothing', async () => {
    const reply = await rig.post('/v1/responses', {
      model: 'openai/gpt-6-luna',
      input: 'hi',
      ...HINTS,
      text: { ...HINTS.text, format: FORMAT },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBeNull();
    expect(lastBody()).toMatchObject({
      prompt_cache_key: 'codex-thread-7',
      service_tier: 'flex',
      truncation: 'auto',
      reasoning: { effort: 'low', summary: 'auto' },
      text: { verbosity: 'low', format: FORMAT },
      store: false,
    });
  });

  it('drops the hints for a provider without the Responses API, and says which', async () => {
    // deepseek-chat cannot think, so no reasoning here (that would be a 400 thinking_not_supported).
    const { reasoning: _reasoning, ...hints } = HINTS;
    const reply = await rig.post('/v1/responses', { model: 'deepseek/deepseek-chat', input: 'hi', ...hints });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')?.split(', ').sort()).toEqual(
      ['prompt_cache_key', 'service_tier', 'text.verbosity', 'truncation'].sort(),
    );
    expect(Object.keys(lastBody())).not.toEqual(expect.arrayContaining(['prompt_cache_key']));
  });

  it('refuses structured output a provider without the Responses API cannot carry, naming text.format', async () => {
    const before = rig.upstream.requests.length;
    const reply = await rig.post('/v1/responses', {
      model: 'deepseek/deepseek-chat',
      input: 'hi',
      text: { format: FORMAT },
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({
      error: { code: 'unsupported_parameter', param: 'text.format' },
    });
    expect(rig.upstream.requests.length).toBe(before);
  });

  it('names dropped fields in a header any client can read, whatever their names (found by the fuzz lane)', async () => {
    // A NUL in a field name once made Node refuse the whole reply (500 ERR_INVALID_CHAR); thousands of names
    // would make a header past undici's 16 KiB limit.
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`hint_${index}`, 1]));
    const reply = await rig.post('/v1/responses', {
      model: 'deepseek/deepseek-chat',
      input: 'hi',
      '\u0000é☃': 1,
      ...many,
    });
    expect(reply.status, reply.text).toBe(200);
    const dropped = reply.headers.get('x-switchyard-dropped') ?? '';
    expect(dropped.startsWith('\\u0000\\u00e9\\u2603, hint_0, hint_1')).toBe(true);
    expect(dropped).toMatch(/, \.\.\. \(\+\d+ more\)$/);
    expect(dropped.length).toBeLessThanOrEqual(2048 + 20);
  });

  it('streams over SSE with the same fields', async () => {
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        sse.event('response.output_text.delta', { output_index: 0, delta: 'ok' }) +
          sse.event('response.completed', {
            response: { status: 'completed', usage: { input_tokens: 1, output_tokens: 1 } },
          }),
      ],
    }));
    const reply = await rig.post('/v1/responses', {
      model: 'openai/gpt-6-luna',
      input: 'hi',
      stream: true,
      ...HINTS,
    });
    expect(reply.status).toBe(200);
    expect(lastBody()).toMatchObject({ prompt_cache_key: 'codex-thread-7', stream: true });
  });
});
