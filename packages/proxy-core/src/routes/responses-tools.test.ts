/**
 * Codex's tool list through /v1/responses to a provider that does not speak the Responses API: tools translated
 * (tool-policy.ts), hosted tools dropped and named in `x-switchyard-dropped`, calls returned in the client's
 * own item types.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaneServer, withFast, type PlaneServer } from '../model-plane/testing/plane-server.ts';
import { jsonData, postSse } from '../model-plane/testing/sse.ts';
import { ScriptedProvider, START, USAGE } from '../streaming/testing-providers.ts';

const TOOLS = [
  { type: 'custom', name: 'apply_patch', description: 'Edit files.' },
  { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'spawn_agent' }] },
  { type: 'web_search', external_web_access: false },
  { type: 'tool_search', execution: 'client' },
];
const PATCH = '*** Begin Patch\n*** Add File: a.txt\n+"hi"\n*** End Patch';

const provider = new ScriptedProvider('scripted', () => [
  START,
  { type: 'tool-input-start', id: 't0', toolCallId: 'c1', toolName: 'apply_patch' },
  { type: 'tool-input-delta', id: 't0', delta: JSON.stringify({ input: PATCH }).slice(0, 12) },
  { type: 'tool-input-delta', id: 't0', delta: JSON.stringify({ input: PATCH }).slice(12) },
  { type: 'tool-input-start', id: 't1', toolCallId: 'c2', toolName: 'multi_agent_v1__spawn_agent' },
  { type: 'tool-input-delta', id: 't1', delta: '{"task":"x"}' },
  { type: 'finish', reason: 'tool_calls', usage: USAGE },
]);
let server: PlaneServer;

beforeAll(async () => {
  server = await startPlaneServer(withFast(), { providers: [provider] });
});
afterAll(async () => {
  await server.close();
});

const body = { model: 'scripted/scripted', input: 'patch it', tools: TOOLS };
const EXPECTED_ITEMS = [
  { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: PATCH, status: 'completed' },
  {
    type: 'function_call',
    call_id: 'c2',
    name: 'spawn_agent',
    namespace: 'multi_agent_v1',
    arguments: '{"task":"x"}',
    status: 'completed',
  },
];

describe('/v1/responses with tools beyond function, to a translating provider', () => {
  it('offers translated tools, names the dropped hosted ones, and answers with custom and namespaced calls (JSON)', async () => {
    provider.requests.length = 0;
    const res = await request(server.url).post('/v1/responses').send(body).expect(200);
    expect(res.headers['x-switchyard-dropped']).toBe('web_search, tool_search');
    expect(provider.requests[0]?.tools.map((tool) => tool.name)).toEqual([
      'apply_patch',
      'multi_agent_v1__spawn_agent',
    ]);
    expect((res.body as { output: unknown }).output).toMatchObject(EXPECTED_ITEMS);
  });

  it('streams a custom call as custom_tool_call_input events with the unwrapped input', async () => {
    const { frames } = await postSse(`${server.url}/v1/responses`, { ...body, stream: true });
    const events = jsonData(frames);
    const types = events.map((event) => event['type']);
    expect(types).toContain('response.custom_tool_call_input.done');
    expect(types.filter((type) => type === 'response.function_call_arguments.delta')).toHaveLength(1);
    expect(events.find((event) => event['type'] === 'response.custom_tool_call_input.done')).toMatchObject({
      input: PATCH,
    });
    const completed = events.at(-1);
    expect(completed?.['type']).toBe('response.completed');
    expect((completed?.['response'] as { output: unknown }).output).toMatchObject(EXPECTED_ITEMS);
  });
});
