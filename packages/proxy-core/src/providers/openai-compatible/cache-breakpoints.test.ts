/**
 * Prompt-cache breakpoints (Claude Code's `cache_control`) reach Qwen's explicit context cache as
 * `cache_control: {type: "ephemeral"}` on the system and user text they follow, and its cache-write count comes back
 * in the client's usage; DeepSeek, which caches by prefix alone, gets plain text. Through the real plane and a
 * loopback upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaneWithUpstream, type PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';

const ANSWER = JSON.stringify({
  id: 'c1',
  model: 'qwen3-coder-plus',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: {
    prompt_tokens: 2000,
    completion_tokens: 1,
    prompt_tokens_details: { cached_tokens: 0, cache_creation_input_tokens: 1800, cache_type: 'ephemeral' },
  },
});

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    qwen: { baseUrl: `${baseUrl}/qwen`, keys: ['qwen-key'] },
    deepseek: { baseUrl: `${baseUrl}/deepseek`, keys: ['ds-key'] },
  }));
  rig.upstream.respond(() => ({ headers: { 'content-type': 'application/json' }, chunks: [ANSWER] }));
});
afterAll(async () => {
  await rig.close();
});

const breakpoint = { type: 'ephemeral' };
const messagesRequest = (model: string) => ({
  model,
  max_tokens: 50,
  system: [
    { type: 'text', text: 'You are Claude Code.', cache_control: breakpoint },
    { type: 'text', text: 'Environment: linux.' },
  ],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Read notes.txt' },
        { type: 'text', text: 'and answer.', cache_control: breakpoint },
      ],
    },
  ],
});
const lastMessages = (): unknown => (rig.upstream.requests.at(-1)?.body as { messages: unknown }).messages;

describe('prompt-cache breakpoints to the compatible family', () => {
  it('Qwen: the breakpoints ride on the text parts they follow, and the cache writes come back', async () => {
    const reply = await rig.post('/v1/messages', messagesRequest('qwen/qwen3-coder-plus'));
    expect(reply.status).toBe(200);
    expect(lastMessages()).toEqual([
      {
        role: 'system',
        content: [{ type: 'text', text: 'You are Claude Code.', cache_control: breakpoint }],
      },
      { role: 'system', content: 'Environment: linux.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Read notes.txt' },
          { type: 'text', text: 'and answer.', cache_control: breakpoint },
        ],
      },
    ]);
    expect(JSON.parse(reply.text)).toMatchObject({ usage: { cache_creation_input_tokens: 1800 } });
  });

  it('DeepSeek (prefix caching of its own): plain text, no markers', async () => {
    const reply = await rig.post('/v1/messages', messagesRequest('deepseek/deepseek-chat'));
    expect(reply.status).toBe(200);
    expect(JSON.stringify(lastMessages())).not.toContain('cache_control');
    expect(lastMessages()).toEqual([
      { role: 'system', content: 'You are Claude Code.' },
      { role: 'system', content: 'Environment: linux.' },
      { role: 'user', content: 'Read notes.txt\nand answer.' },
    ]);
  });
});
