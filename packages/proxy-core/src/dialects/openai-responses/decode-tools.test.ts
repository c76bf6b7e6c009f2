/** What the Responses decoder does with the tool types and items Codex sends (tool-policy.ts decides). */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../http/api-error.ts';
import { decodeResponsesRequest } from './decode.ts';

const TOOLS = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object' } },
  {
    type: 'custom',
    name: 'apply_patch',
    format: { type: 'grammar', syntax: 'lark', definition: 'start: x' },
  },
  { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'spawn_agent' }] },
  { type: 'web_search', external_web_access: false },
];

function refusal(raw: unknown): ApiError['spec'] {
  try {
    decodeResponsesRequest(raw);
  } catch (error) {
    if (error instanceof ApiError) return error.spec;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decodeResponsesRequest: tools beyond function', () => {
  it('accepts custom, namespace and hosted tools: translated tools, the client list kept verbatim, hosted ones as hints', () => {
    const decoded = decodeResponsesRequest({ model: 'm', input: 'hi', tools: TOOLS });
    expect(decoded.tools.map((tool) => tool.name)).toEqual([
      'exec_command',
      'apply_patch',
      'multi_agent_v1__spawn_agent',
    ]);
    expect(decoded.nativeTools).toEqual({ dialect: 'openai-responses', tools: TOOLS });
    expect(decoded.hintTools).toEqual(['web_search']);
  });

  it('sets no native tools or hints when the client sends no tools', () => {
    const decoded = decodeResponsesRequest({ model: 'm', input: 'hi' });
    expect(decoded).not.toHaveProperty('nativeTools');
    expect(decoded).not.toHaveProperty('hintTools');
  });

  it.each([
    ['tools[0].name', { type: 'custom' }],
    ['tools[0].tools', { type: 'namespace', name: 'ns' }],
    ['tools[0].tools[0].name', { type: 'namespace', name: 'ns', tools: [{ type: 'function' }] }],
    ['tools[0].type', { type: '' }],
  ])('still names a malformed tool field: %s', (param, tool) => {
    expect(refusal({ model: 'm', input: 'hi', tools: [tool] })).toMatchObject({ status: 400, param });
  });

  it('turns custom tool calls and their outputs into a tool call with {input} arguments and its result', () => {
    const decoded = decodeResponsesRequest({
      model: 'm',
      tools: TOOLS,
      input: [
        { role: 'user', content: 'patch it' },
        { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: '*** Begin Patch\n"x"' },
        { type: 'custom_tool_call_output', call_id: 'c1', output: 'Done!' },
        {
          type: 'function_call',
          call_id: 'c2',
          name: 'spawn_agent',
          namespace: 'multi_agent_v1',
          arguments: '{}',
        },
        { type: 'function_call_output', call_id: 'c2', output: 'spawned' },
      ],
    });
    expect(decoded.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          {
            type: 'tool_call',
            id: 'c1',
            name: 'apply_patch',
            arguments: JSON.stringify({ input: '*** Begin Patch\n"x"' }),
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'c1',
            content: [{ type: 'text', text: 'Done!' }],
            isError: false,
          },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool_call', id: 'c2', name: 'multi_agent_v1__spawn_agent', arguments: '{}' }],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'c2',
            content: [{ type: 'text', text: 'spawned' }],
            isError: false,
          },
        ],
      },
    ]);
  });

  it('keeps developer items apart from instructions, and lets a warm-up carry only developer items', () => {
    const body = {
      model: 'm',
      instructions: 'Be brief.',
      input: [{ type: 'message', role: 'developer', content: 'You are a coding agent.' }],
    };
    expect(refusal(body)).toMatchObject({ status: 400, param: 'input' });
    const decoded = decodeResponsesRequest(body, true, true);
    expect(decoded.messages).toEqual([]);
    expect(decoded.inputSystem).toEqual([{ type: 'text', text: 'You are a coding agent.' }]);
    expect(decoded.system.map((part) => part.text)).toEqual(['Be brief.', 'You are a coding agent.']);
  });
});
