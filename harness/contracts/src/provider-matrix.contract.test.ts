import { PROVIDERS, PROVIDER_IDS, type AnswerKind, type ScenarioName } from '@switchyard/provider-fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EXPECTED_REASONING,
  EXPECTED_TEXT,
  EXPECTED_TOOL_CALL,
  FINISH,
  expectedEvents,
  expectedUsage,
  reasoningTextReaches,
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
};

const cases = PROVIDER_IDS.flatMap((provider) =>
  DIALECTS.flatMap((dialect) =>
    [false, true].flatMap((stream) =>
      (['text', 'tool-call', 'reasoning'] as const).map((kind) => ({
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
      const body = clientRequest(dialect, {
        model: `${provider}/${model}`,
        stream,
        tools: kind === 'tool-call',
      });

      const reply = await proxy.post(DIALECT_PATH[dialect], body);

      // The exact upstream request: URL, method, the proxy's own headers (provider key only), the whole body.
      const [upstream, ...more] = proxy.recorder.requests();
      expect(more).toEqual([]);
      expect(upstream?.provider).toBe(provider);
      expect(upstream?.method).toBe('POST');
      expect(upstream?.url).toBe(expectedUpstreamUrl(provider, dialect, stream, model));
      expect(upstream && proxyChosenHeaders(upstream)).toEqual(expectedUpstreamHeaders(provider, stream));
      expect(upstream?.body).toEqual(
        expectedUpstreamBody(provider, dialect, { model, stream, tools: kind === 'tool-call' }),
      );

      // The exact client-visible answer in the caller's dialect.
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(
        stream ? /^text\/event-stream/ : /^application\/json/,
      );
      const view = readClientView(dialect, stream, reply.text);
      const reasoningText = kind === 'reasoning' && reasoningTextReaches(provider, dialect, model);
      expect(view.text).toBe(kind === 'tool-call' ? '' : EXPECTED_TEXT);
      expect(view.reasoning).toBe(reasoningText ? EXPECTED_REASONING : '');
      expect(view.toolCall).toEqual(kind === 'tool-call' ? EXPECTED_TOOL_CALL : undefined);
      expect(view.finish).toBe(kind === 'tool-call' ? FINISH[dialect].tool : FINISH[dialect].text);
      expect(view.usage).toEqual(expectedUsage(provider, dialect, kind));
      expect(view.events).toEqual(stream ? expectedEvents(dialect, kind, reasoningText) : []);
    },
  );
});
