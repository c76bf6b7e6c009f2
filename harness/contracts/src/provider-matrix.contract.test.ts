import {
  PROVIDERS,
  PROVIDER_IDS,
  isToolAnswer,
  type AnswerKind,
  type ScenarioName,
} from '@switchyard/provider-fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EXPECTED_TEXT,
  FINISH,
  expectedEvents,
  expectedReasoningBlocks,
  expectedToolCalls,
  expectedUsage,
} from './rig/client-expectations.ts';
import { readClientView } from './rig/client-view.ts';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { DIALECTS, DIALECT_PATH, clientRequest } from './rig/dialects.ts';
import {
  expectedUpstreamBody,
  expectedUpstreamHeaders,
  expectedUpstreamUrl,
  proxyChosenHeaders,
} from './rig/upstream-expectations.ts';

const SCENARIO: Readonly<Record<AnswerKind, ScenarioName | undefined>> = {
  text: undefined, // the fixture's default: `plain` or `streamed` from the request's stream flag
  'tool-call': 'tool-call',
  reasoning: 'reasoning',
  'parallel-tool-calls': 'parallel-tool-calls',
  'reasoning-blocks': 'reasoning-blocks',
};
const KINDS = Object.keys(SCENARIO) as AnswerKind[];

// 6 providers × 3 client dialects × streamed/not × 5 answers = 180 cases. Streamed and not streamed are held to
// one expectation, stated from what the upstream sent, so the two must also equal each other.
const cases = PROVIDER_IDS.flatMap((provider) =>
  DIALECTS.flatMap((dialect) =>
    [false, true].flatMap((stream) =>
      KINDS.map((kind) => ({
        provider,
        dialect,
        stream,
        kind,
        mode: stream ? 'streamed' : 'not streamed',
      })),
    ),
  ),
);

let proxy: ContractProxy;
beforeAll(async () => {
  proxy = await startContractProxy();
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => {
  proxy.recorder.clear();
  proxy.useScenario(undefined);
});

describe('provider matrix: every provider × client dialect × streamed/not, through proxy-core and MSW', () => {
  it.each(cases)(
    'contract: $provider × $dialect × $mode — $kind',
    async ({ provider, dialect, stream, kind }) => {
      const model = PROVIDERS[provider].defaultModel;
      proxy.useScenario(SCENARIO[kind]);
      const tools = isToolAnswer(kind);
      const body = clientRequest(dialect, { model: `${provider}/${model}`, stream, tools });

      const reply = await proxy.post(DIALECT_PATH[dialect], body);

      // The exact upstream request: URL, method, the proxy's own headers (provider key only), the whole body.
      const [upstream, ...more] = proxy.recorder.requests();
      expect(more).toEqual([]);
      expect(upstream?.provider).toBe(provider);
      expect(upstream?.method).toBe('POST');
      expect(upstream?.url).toBe(expectedUpstreamUrl(provider, dialect, stream, model));
      expect(upstream && proxyChosenHeaders(upstream)).toEqual(expectedUpstreamHeaders(provider, stream));
      expect(upstream?.body).toEqual(expectedUpstreamBody(provider, dialect, { model, stream, tools }));

      // The exact client-visible answer in the caller's dialect: every tool call (id, name, the arguments'
      // JSON text exactly as the upstream meant it, in order) and every reasoning block with its proof.
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(
        stream ? /^text\/event-stream/ : /^application\/json/,
      );
      const view = readClientView(dialect, stream, reply.text);
      const toolCalls = expectedToolCalls(provider, kind);
      const reasoningBlocks = expectedReasoningBlocks(provider, dialect, kind, model);
      const text = tools ? '' : EXPECTED_TEXT;
      expect(view.toolCalls).toEqual(toolCalls);
      expect(view.reasoningBlocks).toEqual(reasoningBlocks);
      expect(view.text).toBe(text);
      // A Responses stream's terminal response must say what its events said.
      if (view.terminal !== undefined) expect(view.terminal).toEqual({ text, reasoningBlocks, toolCalls });
      expect(view.finish).toBe(tools ? FINISH[dialect].tool : FINISH[dialect].text);
      expect(view.usage).toEqual(expectedUsage(provider, dialect, kind));
      expect(view.events).toEqual(stream ? expectedEvents(dialect, reasoningBlocks, toolCalls) : []);
    },
  );
});
