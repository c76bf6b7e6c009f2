/**
 * Issue 13's measured bug, end to end through createModelPlane: an upstream that interleaves two parallel tool
 * calls (OpenAI-style, addressed by index) reached a streaming Anthropic client as `{"city":` (the rest of the
 * call dropped) and a Responses client with one call's arguments glued onto the other's. Every dialect must now
 * stream the same two complete calls it answers non-streamed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, parseSse } from '../model-plane/testing/sse.ts';
import { sse } from '../providers/shared/testing/loopback-upstream.ts';
import {
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';

const call = (index: number, fields: Record<string, unknown>) =>
  sse.data({ choices: [{ index: 0, delta: { tool_calls: [{ index, ...fields }] }, finish_reason: null }] });

const INTERLEAVED =
  call(0, { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":' } }) +
  call(1, { id: 'call_b', type: 'function', function: { name: 'time', arguments: '{"zone":' } }) +
  call(0, { function: { arguments: '"Paris"}' } }) +
  call(1, { function: { arguments: '"CET"}' } }) +
  sse.data({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }) +
  sse.data({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } }) +
  sse.data('[DONE]');

const EXPECTED = [
  { name: 'weather', arguments: { city: 'Paris' } },
  { name: 'time', arguments: { zone: 'CET' } },
];

let rig: PlaneWithUpstream;
beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({ deepseek: { baseUrl, keys: ['ds-key'] } }));
  rig.upstream.respond(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [INTERLEAVED] }));
});
afterAll(async () => {
  await rig.close();
});

const tools = [
  { name: 'weather', input_schema: { type: 'object' } },
  { name: 'time', input_schema: { type: 'object' } },
];

describe('interleaved parallel tool calls reach every streaming dialect whole', () => {
  it('Anthropic Messages: two tool_use blocks, each input complete JSON', async () => {
    const reply = await rig.post('/v1/messages', {
      model: 'deepseek/deepseek-chat',
      max_tokens: 64,
      stream: true,
      tools,
      messages: [{ role: 'user', content: 'weather and time in Paris' }],
    });
    const blocks = new Map<number, { name: string; json: string }>();
    for (const data of jsonData(parseSse(reply.text))) {
      const index = data['index'] as number;
      if (data['type'] === 'content_block_start') {
        const block = data['content_block'] as { type: string; name: string };
        if (block.type === 'tool_use') blocks.set(index, { name: block.name, json: '' });
      } else if (data['type'] === 'content_block_delta') {
        const delta = data['delta'] as { type: string; partial_json?: string };
        const block = blocks.get(index);
        if (delta.type === 'input_json_delta' && block !== undefined) block.json += delta.partial_json ?? '';
      }
    }
    expect(
      [...blocks.values()].map((block) => ({
        name: block.name,
        arguments: JSON.parse(block.json) as unknown,
      })),
    ).toEqual(EXPECTED);
  });

  it('OpenAI Responses: two function_call items with their own arguments', async () => {
    const reply = await rig.post('/v1/responses', {
      model: 'deepseek/deepseek-chat',
      stream: true,
      tools: tools.map((tool) => ({ type: 'function', name: tool.name, parameters: tool.input_schema })),
      input: 'weather and time in Paris',
    });
    const done = jsonData(parseSse(reply.text)).find((data) => data['type'] === 'response.completed');
    const output = (
      (done?.['response'] as { output?: { type: string; name: string; arguments: string }[] })?.output ?? []
    )
      .filter((item) => item.type === 'function_call')
      .map((item) => ({ name: item.name, arguments: JSON.parse(item.arguments) as unknown }));
    expect(output).toEqual(EXPECTED);
  });
});
