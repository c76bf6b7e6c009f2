/**
 * Hosted tools' output items (web_search_call, …) from an OpenAI Responses upstream, through the whole plane: a
 * Responses client gets them intact, streamed (added, per-tool events, done, in the final Response) and not
 * streamed (in `output`, in order); a client of another dialect never asked for them and does not see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatStreamText, jsonData, parseSse } from '../../model-plane/testing/sse.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { startPlaneWithUpstream, type PlaneWithUpstream } from '../shared/testing/plane-with-upstream.ts';
import { OPENAI_DEFAULTS } from './config.ts';

const SEARCH = {
  id: 'ws_1',
  type: 'web_search_call',
  status: 'completed',
  action: { type: 'search', query: 'switchyard' },
};
const IMAGE = { id: 'ig_1', type: 'image_generation_call', status: 'completed', result: 'aGk=' };

/** OpenAI's stream for a search, then the answer: upstream output indices 0 (search) and 1 (message). */
const STREAM =
  sse.event('response.created', { response: { status: 'in_progress' } }) +
  sse.event('response.output_item.added', {
    output_index: 0,
    item: { ...SEARCH, status: 'in_progress', action: { type: 'search' } },
  }) +
  sse.event('response.web_search_call.in_progress', { output_index: 0, item_id: 'ws_1' }) +
  sse.event('response.web_search_call.searching', { output_index: 0, item_id: 'ws_1' }) +
  sse.event('response.web_search_call.completed', { output_index: 0, item_id: 'ws_1' }) +
  sse.event('response.output_item.done', { output_index: 0, item: SEARCH }) +
  sse.event('response.output_item.added', {
    output_index: 1,
    item: { id: 'msg_u', type: 'message', role: 'assistant', content: [] },
  }) +
  sse.event('response.output_text.delta', { output_index: 1, item_id: 'msg_u', delta: 'Found it.' }) +
  sse.event('response.completed', { response: { status: 'completed', usage: {} } });

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({
    openai: {
      baseUrl: `${baseUrl}/v1`,
      keys: ['sk-upstream-openai'],
      models: [...OPENAI_DEFAULTS.models, { id: 'gpt-5-codex-mini' }],
    },
  }));
});
afterAll(async () => {
  await rig.close();
});

function streamed(): void {
  rig.upstream.respond(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [STREAM] }));
}

describe('hosted-tool output items from an OpenAI Responses upstream', () => {
  it('reach a streaming Responses client intact: added, per-tool events, done, and the final output', async () => {
    streamed();
    const reply = await rig.post('/v1/responses', {
      model: 'openai/gpt-6-luna',
      input: 'search',
      tools: [{ type: 'web_search' }],
      stream: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-switchyard-dropped')).toBeNull();
    const events = jsonData(parseSse(reply.text));
    const search = events.filter(
      (event) =>
        event['item_id'] === 'ws_1' ||
        (event['item'] as Record<string, unknown> | undefined)?.['id'] === 'ws_1',
    );
    expect(search.map((event) => [event['type'], event['output_index']])).toEqual([
      ['response.output_item.added', 0],
      ['response.web_search_call.in_progress', 0],
      ['response.web_search_call.searching', 0],
      ['response.web_search_call.completed', 0],
      ['response.output_item.done', 0],
    ]);
    expect(search.at(-1)?.['item']).toEqual(SEARCH);
    // Sequence numbers stay one stream: increasing by one across the relayed and the proxy's own events.
    const sequence = events.map((event) => event['sequence_number']);
    expect(sequence).toEqual(sequence.map((_, index) => index));
    const completed = events.at(-1) as { type: string; response: { output: Record<string, unknown>[] } };
    expect(completed.type).toBe('response.completed');
    expect(completed.response.output.map((item) => item['type'])).toEqual(['web_search_call', 'message']);
    expect(completed.response.output[0]).toEqual(SEARCH);
    // The proxy's own message comes after the search, at the next index.
    expect(events.find((event) => event['type'] === 'response.output_text.delta')).toMatchObject({
      output_index: 1,
      delta: 'Found it.',
    });
  });

  it('reach a non-streaming Responses client in order', async () => {
    rig.upstream.respond(() => ({
      chunks: [
        JSON.stringify({
          status: 'completed',
          output: [SEARCH, { type: 'message', content: [{ type: 'output_text', text: 'Here.' }] }, IMAGE],
          usage: { input_tokens: 3, output_tokens: 2 },
        }),
      ],
    }));
    const reply = await rig.post('/v1/responses', {
      model: 'openai/gpt-6-luna',
      input: 'search and draw',
      tools: [{ type: 'web_search' }, { type: 'image_generation' }],
    });
    expect(reply.status).toBe(200);
    const output = (JSON.parse(reply.text) as { output: Record<string, unknown>[] }).output;
    expect(output.map((item) => item['type'])).toEqual([
      'web_search_call',
      'message',
      'image_generation_call',
    ]);
    expect(output[0]).toEqual(SEARCH);
    expect(output[2]).toEqual(IMAGE);
  });

  it('are left out for a chat client (its request carried no hosted tool), the answer intact', async () => {
    streamed();
    // A codex model is served on the Responses API only, so a chat client reaches it there.
    const reply = await rig.post('/v1/chat/completions', {
      model: 'openai/gpt-5-codex-mini',
      stream: true,
      messages: [{ role: 'user', content: 'search' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.text).not.toContain('web_search_call');
    const text = chatStreamText(reply.text);
    expect(text).toBe('Found it.');
  });
});
