import { describe, expect, it } from 'vitest';
import { ApiError } from '../../http/api-error.ts';
import { translateTools, treatmentOf, unwrapCustomInput, wrapCustomInput } from './tool-policy.ts';

/** The tool types Codex 0.169.0 sends (measured), one of each. */
const CODEX_TOOLS = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: {} }, strict: false },
  {
    type: 'custom',
    name: 'apply_patch',
    description: 'Edit files.',
    format: { type: 'grammar', syntax: 'lark', definition: 'start: "*** Begin Patch"' },
  },
  {
    type: 'namespace',
    name: 'multi_agent_v1',
    description: 'Sub-agents.',
    tools: [{ type: 'function', name: 'spawn_agent', parameters: { type: 'object' } }],
  },
  { type: 'tool_search', execution: 'client', parameters: { type: 'object' } },
  { type: 'web_search', external_web_access: false },
];

describe('Responses tool policy', () => {
  it.each([
    ['function', 'carried'],
    ['custom', 'custom-as-function'],
    ['namespace', 'flattened'],
    ['web_search', 'hint'],
    ['mcp', 'hint'],
    ['tool_search', 'hint'],
  ] as const)('treats %s tools as %s', (type, treatment) => {
    expect(treatmentOf(type)).toBe(treatment);
  });

  it("translates Codex's tools: functions carried, custom as {input}, namespaces flattened, hosted tools named as hints", () => {
    const { tools, hints, names } = translateTools(CODEX_TOOLS);
    expect(tools.map((tool) => tool.name)).toEqual([
      'exec_command',
      'apply_patch',
      'multi_agent_v1__spawn_agent',
    ]);
    expect(tools[0]).toEqual({
      name: 'exec_command',
      parameters: { type: 'object', properties: {} },
      strict: false,
    });
    expect(tools[1]?.parameters).toMatchObject({
      properties: { input: { type: 'string' } },
      required: ['input'],
    });
    // The grammar reaches a model that cannot be constrained by it as part of the description.
    expect(tools[1]?.description).toContain('Edit files.');
    expect(tools[1]?.description).toContain('lark grammar:\nstart: "*** Begin Patch"');
    expect(hints).toEqual(['tool_search', 'web_search']);
    expect(names.get('apply_patch')).toEqual({ name: 'apply_patch', custom: true });
    expect(names.get('multi_agent_v1__spawn_agent')).toEqual({
      name: 'spawn_agent',
      namespace: 'multi_agent_v1',
      custom: false,
    });
  });

  it('refuses with a 400 a namespaced tool that flattens onto another tool name', () => {
    const clash = [
      { type: 'function', name: 'ns__run' },
      { type: 'namespace', name: 'ns', tools: [{ type: 'function', name: 'run' }] },
    ];
    expect(() => translateTools(clash)).toThrow(ApiError);
    expect(() => translateTools(clash)).toThrow(/'ns__run' is ambiguous/);
  });

  it('wraps freeform input as {input} and unwraps it, taking plain text as the input itself', () => {
    const patch = '*** Begin Patch\n*** Add File: a.txt\n+"quoted"\n*** End Patch';
    expect(unwrapCustomInput(wrapCustomInput(patch))).toBe(patch);
    expect(unwrapCustomInput('not json')).toBe('not json');
    expect(unwrapCustomInput('{"other":1}')).toBe('{"other":1}');
  });
});
