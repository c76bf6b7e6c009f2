import { folded } from '../../streaming/testing-parts.ts';
/** Responses client → OpenAI's Responses API: the client's tools and tool items reach it as the client wrote them. */
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/request.ts';
import { decodeResponsesRequest } from '../../dialects/openai-responses/decode.ts';
import { decodeInSlices } from '../shared/testing/decode-in-slices.ts';
import { sse } from '../shared/testing/loopback-upstream.ts';
import { decodeResponsesResponse } from './decode-response.ts';
import { ResponsesStreamDecoder } from './decode-stream.ts';
import { encodeResponsesRequest } from './encode-request.ts';

const TOOLS = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object' }, strict: false },
  {
    type: 'custom',
    name: 'apply_patch',
    format: { type: 'grammar', syntax: 'lark', definition: 'start: x' },
  },
  { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'spawn_agent' }] },
  { type: 'web_search', external_web_access: false },
];

const ITEMS = [
  { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: '*** Begin Patch\n"x"' },
  { type: 'custom_tool_call_output', call_id: 'c1', output: 'Done!' },
  { type: 'function_call', call_id: 'c2', name: 'spawn_agent', namespace: 'multi_agent_v1', arguments: '{}' },
  { type: 'function_call_output', call_id: 'c2', output: 'spawned' },
];

function canonical(body: Record<string, unknown>): CanonicalRequest {
  const { model, ...decoded } = decodeResponsesRequest(body);
  return { ...decoded, target: { requested: model, provider: 'openai', model } };
}

describe('OpenAI Responses pass-through of client tools', () => {
  it('sends the client tool list verbatim and replays custom and namespaced calls in their own item types', () => {
    const body = encodeResponsesRequest(
      canonical({ model: 'gpt-5.5', tools: TOOLS, input: [{ role: 'user', content: 'go' }, ...ITEMS] }),
    );
    expect(body['tools']).toEqual(TOOLS);
    expect((body['input'] as unknown[]).slice(1)).toEqual(ITEMS);
  });

  it('translates tools when the request did not come from a Responses client', () => {
    const request = { ...canonical({ model: 'gpt-5.5', tools: TOOLS, input: 'go' }) };
    const { nativeTools: _native, ...translated } = request;
    expect(
      (encodeResponsesRequest(translated)['tools'] as { name: string }[]).map((tool) => tool.name),
    ).toEqual(['exec_command', 'apply_patch', 'multi_agent_v1__spawn_agent']);
  });

  it('decodes streamed custom and namespaced calls into canonical tool calls', () => {
    const stream =
      sse.event('response.created', { response: { status: 'in_progress' } }) +
      sse.event('response.output_item.added', {
        output_index: 0,
        item: { type: 'custom_tool_call', id: 'ctc_1', call_id: 'c1', name: 'apply_patch', input: '' },
      }) +
      sse.event('response.custom_tool_call_input.delta', {
        output_index: 0,
        item_id: 'ctc_1',
        delta: '*** Begin',
      }) +
      sse.event('response.output_item.done', {
        output_index: 0,
        item: {
          type: 'custom_tool_call',
          id: 'ctc_1',
          call_id: 'c1',
          name: 'apply_patch',
          input: '*** Begin',
        },
      }) +
      sse.event('response.output_item.added', {
        output_index: 1,
        item: {
          type: 'function_call',
          id: 'fc_2',
          call_id: 'c2',
          name: 'spawn_agent',
          namespace: 'multi_agent_v1',
        },
      }) +
      sse.event('response.function_call_arguments.delta', { output_index: 1, item_id: 'fc_2', delta: '{}' }) +
      sse.event('response.completed', {
        response: { status: 'completed', usage: { input_tokens: 1, output_tokens: 1 } },
      });
    const events = decodeInSlices(stream, new ResponsesStreamDecoder(), 7);
    expect(folded(events)).toMatchObject({
      output: [
        {
          type: 'tool_call',
          id: 'c1',
          name: 'apply_patch',
          arguments: JSON.stringify({ input: '*** Begin' }),
        },
        { type: 'tool_call', id: 'c2', name: 'multi_agent_v1__spawn_agent', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
    });
  });

  it('decodes a non-streamed custom tool call the same way', () => {
    const events = decodeResponsesResponse({
      status: 'completed',
      output: [{ type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: 'patch' }],
      usage: { input_tokens: 1, output_tokens: 1 },
    });
    expect(folded(events)?.output).toEqual([
      { type: 'tool_call', id: 'c1', name: 'apply_patch', arguments: JSON.stringify({ input: 'patch' }) },
    ]);
  });
});
