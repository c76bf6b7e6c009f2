import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC_DEFAULTS } from './config.ts';
import {
  SEARCH_AS_TEXT,
  SEARCH_CALL,
  SEARCH_RESULT,
  WEB_SEARCH_TOOL,
} from '../../dialects/anthropic-messages/testing/web-search.ts';
import { startPlaneWithUpstream, type PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';

/**
 * Claude Code asked to search the web: a Messages request with Anthropic's web_search server tool, and a history
 * holding the blocks a server tool leaves behind. Anthropic gets both as sent; another provider gets a request it
 * can take (the tool dropped and reported, the blocks as their text).
 */
const CLAUDE = 'claude-listed-without-thinking';

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream(
    (baseUrl) => ({
      anthropic: { baseUrl: `${baseUrl}/v1`, models: [...ANTHROPIC_DEFAULTS.models, { id: CLAUDE }] },
      deepseek: { baseUrl: `${baseUrl}/deepseek/v1`, keys: ['deepseek-key'] },
    }),
    { ANTHROPIC_API_KEY: 'ak-one' },
  );
});
afterAll(async () => {
  await rig.close();
});

const READ = { name: 'Read', description: 'Reads a file', input_schema: { type: 'object' } };

function searchRequest(model: string): Record<string, unknown> {
  return {
    model,
    max_tokens: 512,
    tools: [READ, WEB_SEARCH_TOOL],
    messages: [
      { role: 'user', content: 'Where do pelicans migrate?' },
      {
        role: 'assistant',
        content: [SEARCH_CALL, SEARCH_RESULT, { type: 'text', text: 'South, mostly.' }],
      },
      { role: 'user', content: 'And in winter?' },
    ],
  };
}

describe('Messages server tools and their blocks, end to end', () => {
  it('reach Anthropic as sent, byte for byte and in their places', async () => {
    rig.upstream.requests.length = 0;
    const answer = {
      content: [{ type: 'text', text: 'To the coast.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 1 },
    };
    rig.upstream.respond(() => ({ chunks: [JSON.stringify(answer)] }));
    const reply = await rig.post('/v1/messages', searchRequest(CLAUDE));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBeNull();
    const [request] = rig.upstream.requests;
    expect(request?.url).toBe('/v1/messages');
    const raw = request?.rawBody ?? '';
    expect(raw).toContain(`"tools":${JSON.stringify([READ, WEB_SEARCH_TOOL])}`);
    expect(raw).toContain(
      JSON.stringify([SEARCH_CALL, SEARCH_RESULT, { type: 'text', text: 'South, mostly.' }]),
    );
  });

  it('reach DeepSeek as what it can take: the server tool dropped and named, the blocks as their text', async () => {
    rig.upstream.requests.length = 0;
    const answer = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'To the coast.' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1 },
    };
    rig.upstream.respond(() => ({ chunks: [JSON.stringify(answer)] }));
    const reply = await rig.post('/v1/messages', searchRequest('deepseek/deepseek-v3'));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBe('web_search_20250305:web_search');
    const [request] = rig.upstream.requests;
    expect(request?.url).toBe('/deepseek/v1/chat/completions');
    const body = request?.body as { tools: unknown[]; messages: unknown[] };
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: { name: 'Read', description: 'Reads a file', parameters: { type: 'object' } },
      },
    ]);
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: `\n${SEARCH_AS_TEXT.join('\n\n')}\nSouth, mostly.`,
    });
  });

  it('refuses, naming it, a block other models cannot read, rather than answer without it', async () => {
    rig.upstream.requests.length = 0;
    const pdf = { type: 'document', source: { type: 'url', url: 'https://birds.example/atlas.pdf' } };
    const reply = await rig.post('/v1/messages', {
      model: 'deepseek/deepseek-v3',
      max_tokens: 16,
      messages: [{ role: 'user', content: [pdf, { type: 'text', text: 'Summarise this.' }] }],
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({
      type: 'error',
      error: { message: expect.stringContaining("'messages[0].content[0].type' is 'document'") as unknown },
    });
    expect(rig.upstream.requests).toHaveLength(0);
  });
});
