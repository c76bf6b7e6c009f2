import { PROVIDERS, PROVIDER_IDS, type ScenarioName } from '@switchyard/provider-fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conformanceProblems } from './published-schemas/conformance.ts';
import { emittedObjects } from './published-schemas/emitted-objects.ts';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { DIALECTS, DIALECT_PATH, WEATHER_TOOL, clientRequest } from './rig/dialects.ts';

interface ScenarioRow {
  readonly name: string;
  readonly scenario: ScenarioName | undefined;
  readonly tools: boolean;
  /** The status the client gets, streamed and not (a failure inside a stream comes after a 200). */
  readonly status: { readonly streamed: number; readonly notStreamed: number };
}

const ok = { streamed: 200, notStreamed: 200 };
/** Answers of every kind, and the failures a client can see: HTTP errors, errors inside a stream, cut streams. */
const SCENARIOS: readonly ScenarioRow[] = [
  { name: 'text', scenario: undefined, tools: false, status: ok },
  { name: 'tool-call', scenario: 'tool-call', tools: true, status: ok },
  { name: 'reasoning', scenario: 'reasoning', tools: false, status: ok },
  { name: 'upstream 400', scenario: 'error-400', tools: false, status: { streamed: 400, notStreamed: 400 } },
  { name: 'upstream 429', scenario: 'error-429', tools: false, status: { streamed: 429, notStreamed: 429 } },
  { name: 'upstream 500', scenario: 'error-500', tools: false, status: { streamed: 500, notStreamed: 500 } },
  {
    name: 'error event in the stream',
    scenario: 'stream-error',
    tools: false,
    status: { streamed: 200, notStreamed: 502 },
  },
  {
    name: 'stream cut short',
    scenario: 'stream-truncated',
    tools: false,
    status: { streamed: 200, notStreamed: 502 },
  },
];

const cases = PROVIDER_IDS.flatMap((provider) =>
  DIALECTS.flatMap((dialect) =>
    [false, true].flatMap((stream) =>
      SCENARIOS.map((row) => ({
        provider,
        dialect,
        stream,
        row,
        name: row.name,
        mode: stream ? 'streamed' : 'not streamed',
      })),
    ),
  ),
);

// A fresh proxy per test: an upstream 429 puts the provider's key in cooldown, which would turn the next
// test's answer into the proxy's own error.
let proxy: ContractProxy;
beforeEach(async () => {
  proxy = await startContractProxy();
});
afterEach(async () => {
  await proxy.close();
});

describe("what the proxy emits conforms to the vendors' published schemas", () => {
  it.each(cases)(
    'schema: $provider × $dialect × $mode — $name',
    async ({ provider, dialect, stream, row }) => {
      proxy.useScenario(row.scenario);
      const model = `${provider}/${PROVIDERS[provider].defaultModel}`;
      const reply = await proxy.post(
        DIALECT_PATH[dialect],
        clientRequest(dialect, { model, stream, tools: row.tools }),
      );
      expect(reply.status).toBe(stream ? row.status.streamed : row.status.notStreamed);
      const objects = emittedObjects(dialect, {
        status: reply.status,
        text: reply.text,
        stream: stream && reply.status === 200,
      });
      expect(objects.length).toBeGreaterThan(0);
      // One problem a line, so a failure reads as the list of departures from the published schema.
      expect(conformanceProblems(objects).join('\n')).toBe('');
    },
  );
});

/** The tool kinds Codex sends beside functions: a freeform `custom` tool, a `namespace`, a hosted tool. */
const CODEX_TOOLS = [
  { type: 'custom', name: WEATHER_TOOL.name, description: WEATHER_TOOL.description },
  {
    type: 'namespace',
    name: 'files',
    description: 'File tools',
    tools: [{ type: 'function', name: 'read_file', parameters: { type: 'object', properties: {} } }],
  },
  { type: 'web_search' },
];

const codexCases = PROVIDER_IDS.flatMap((provider) =>
  [false, true].map((stream) => ({ provider, stream, mode: stream ? 'streamed' : 'not streamed' })),
);

describe("Responses with Codex's tool kinds conform too (custom_tool_call items, echoed tools)", () => {
  it.each(codexCases)(
    'schema: $provider × openai-responses × $mode — custom, namespace and hosted tools',
    async ({ provider, stream }) => {
      proxy.useScenario('tool-call');
      const model = `${provider}/${PROVIDERS[provider].defaultModel}`;
      const reply = await proxy.post(DIALECT_PATH['openai-responses'], {
        ...clientRequest('openai-responses', { model, stream }),
        tools: CODEX_TOOLS,
      });
      expect(reply.status).toBe(200);
      expect(reply.text).toContain('custom_tool_call');
      const objects = emittedObjects('openai-responses', { status: reply.status, text: reply.text, stream });
      expect(conformanceProblems(objects).join('\n')).toBe('');
    },
  );
});
