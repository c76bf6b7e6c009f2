/**
 * `x-switchyard-dropped` through the whole plane: nothing is dropped when OpenAI's Responses API gets the client's
 * tools verbatim; hosted tools are dropped and named when the same request goes to a chat-compatible provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { startPlaneWithUpstream, type PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';

const TOOLS = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object' } },
  { type: 'web_search', external_web_access: false },
];

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    openai: { baseUrl: `${baseUrl}/v1`, keys: ['sk-upstream-openai'] },
    deepseek: { baseUrl: `${baseUrl}/v1`, keys: ['sk-upstream-deepseek'] },
  }));
});
afterAll(async () => {
  await rig.close();
});

describe('x-switchyard-dropped', () => {
  it('is absent when the Responses API receives the hosted tool verbatim', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        sse.event('response.created', { response: { status: 'in_progress' } }) +
          sse.event('response.output_text.delta', { output_index: 0, delta: 'ok' }) +
          sse.event('response.completed', { response: { status: 'completed', usage: {} } }),
      ],
    }));
    const reply = await rig.post('/v1/responses', {
      model: 'openai/gpt-5',
      input: 'hi',
      tools: TOOLS,
      stream: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBeNull();
    expect(rig.upstream.requests[0]?.body).toMatchObject({ tools: TOOLS });
  });

  it('names the hosted tool a chat-compatible provider cannot run, which never reaches it', async () => {
    rig.upstream.requests.length = 0;
    rig.upstream.respond(() => ({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }] })}\n\n`,
        'data: [DONE]\n\n',
      ],
    }));
    const reply = await rig.post('/v1/responses', {
      model: 'deepseek/deepseek-chat',
      input: 'hi',
      tools: TOOLS,
      stream: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBe('web_search');
    const body = rig.upstream.requests[0]?.body as { tools: { function: { name: string } }[] };
    expect(body.tools.map((tool) => tool.function.name)).toEqual(['exec_command']);
  });
});
