/**
 * The Messages field policy end to end through createModelPlane: uncarried fields and `anthropic-beta` flags
 * reach Anthropic verbatim, are dropped with `x-switchyard-dropped` for other providers when they are hints,
 * and are a 400 naming them when dropping them would change the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../../providers/shared/testing/plane-with-upstream.ts';

const ANTHROPIC_ANSWER = JSON.stringify({
  content: [{ type: 'text', text: 'ok' }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 1, output_tokens: 1 },
});
const CHAT_ANSWER = JSON.stringify({
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1 },
});

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    anthropic: { baseUrl: `${baseUrl}/anthropic`, keys: ['ak-key'] },
    deepseek: { baseUrl: `${baseUrl}/deepseek`, keys: ['ds-key'] },
  }));
  rig.upstream.respond((request) => ({
    headers: { 'content-type': 'application/json' },
    chunks: [request.url.startsWith('/anthropic') ? ANTHROPIC_ANSWER : CHAT_ANSWER],
  }));
});
afterAll(async () => {
  await rig.close();
});

/** What Claude Code adds to every request beyond the fields the proxy translates. */
const CLAUDE_CODE_EXTRAS = {
  context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
  output_config: { effort: 'high' },
};
const BETA = 'interleaved-thinking-2025-05-14,context-management-2025-06-27';

const messages = (model: string, extras: Record<string, unknown> = CLAUDE_CODE_EXTRAS) =>
  rig.post(
    '/v1/messages',
    { model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], ...extras },
    { 'anthropic-beta': BETA },
  );

describe('the Messages field policy', () => {
  it('hands uncarried fields and anthropic-beta to Anthropic verbatim', async () => {
    rig.upstream.requests.length = 0;
    const reply = await messages('anthropic/claude-sonnet-4-5');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBeNull();
    const sent = rig.upstream.requests.at(-1);
    expect(sent?.body).toMatchObject(CLAUDE_CODE_EXTRAS);
    expect(sent?.headers['anthropic-beta']).toBe(BETA);
  });

  it('drops them for another provider and names each one in x-switchyard-dropped', async () => {
    rig.upstream.requests.length = 0;
    const reply = await messages('deepseek/deepseek-chat');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBe(
      'context_management, output_config, header anthropic-beta',
    );
    const sent = rig.upstream.requests.at(-1);
    expect(sent?.body).not.toHaveProperty('context_management');
    expect(sent?.body).not.toHaveProperty('output_config');
    expect(sent?.headers['anthropic-beta']).toBeUndefined();
  });

  it('refuses with a 400 naming the field and provider when dropping it would change the answer', async () => {
    const format = { output_config: { format: { type: 'json_schema', schema: { type: 'object' } } } };
    const refused = await messages('deepseek/deepseek-chat', format);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining("'output_config'") as unknown,
      },
    });
    expect(refused.text).toContain('deepseek');
    expect((await messages('anthropic/claude-sonnet-4-5', format)).status).toBe(200);
  });

  it('treats fields named like Object.prototype members as plain client fields (never 500, never copied as keys of the prototype)', async () => {
    const hostile = JSON.parse(
      // (`__proto__` and `constructor.prototype` never get this far: the JSON parser refuses them with a 400.)
      '{"__defineGetter__":1,"toString":"x"}',
    ) as Record<string, unknown>;
    const other = await messages('deepseek/deepseek-chat', hostile);
    expect(other.status, other.text).toBe(200);
    expect(other.headers.get('x-switchyard-dropped')).toBe(
      '__defineGetter__, toString, header anthropic-beta',
    );
    const anthropic = await messages('anthropic/claude-sonnet-4-5', hostile);
    expect(anthropic.status).toBe(200);
    expect(rig.upstream.requests.at(-1)?.body).toMatchObject({ __defineGetter__: 1, toString: 'x' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
