import OpenAI from 'openai';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { http, HttpResponse } from 'msw';
import { FIXTURE_TEXT, PROVIDERS, PROVIDER_IDS } from '@switchyard/provider-fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { CLIENT_KEY, upstreamKey } from './rig/proxy-config.ts';
import { OPENAI_BASE_URL } from './upstreams/base-urls.ts';

/** OpenAI's `/responses/compact` (the shared fixtures serve generation only): its documented answer shape. */
const OPENAI_STATE = 'gAAAAB-openai-opaque-compaction-state';
const compactCalls: { authorization: string | null; body: Record<string, unknown> }[] = [];
const openAiCompact = http.post(`${OPENAI_BASE_URL}/responses/compact`, async ({ request }) => {
  const body = (await request.json()) as Record<string, unknown>;
  compactCalls.push({ authorization: request.headers.get('authorization'), body });
  return HttpResponse.json({
    id: 'resp_compacted_by_openai',
    object: 'response.compaction',
    created_at: 1_780_000_000,
    output: [
      {
        id: 'msg_u1',
        type: 'message',
        status: 'completed',
        role: 'user',
        content: [{ type: 'input_text', text: 'plan the trip' }],
      },
      { id: 'cmp_o1', type: 'compaction', encrypted_content: OPENAI_STATE },
    ],
    usage: {
      input_tokens: 50,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 10,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 60,
    },
  });
});

let proxy: ContractProxy;
let openai: OpenAI;
beforeAll(async () => {
  proxy = await startContractProxy({ handlers: [openAiCompact] });
  openai = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => {
  proxy.recorder.clear();
  compactCalls.length = 0;
});

const history: ResponseInputItem[] = [
  { role: 'user', content: 'plan the trip' },
  { type: 'function_call', call_id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' },
  { type: 'function_call_output', call_id: 'call_w', output: '{"temp_c":21}' },
  { role: 'assistant', content: 'It is 21 °C in Paris.' },
];
const modelOf = (provider: (typeof PROVIDER_IDS)[number]): string =>
  `${provider}/${PROVIDERS[provider].defaultModel}`;
const summarising = PROVIDER_IDS.filter((provider) => provider !== 'openai').map((provider) => ({
  provider,
  model: modelOf(provider),
}));

describe('official openai SDK: client.responses.compact through proxy-core', () => {
  it.each(summarising)(
    'sdk: $provider compacts through the model, and the next turn carries the summary',
    async ({ provider, model }) => {
      const compacted = await openai.responses.compact({ model, input: history });
      expect(compacted.object).toBe('response.compaction');
      expect(compacted.output.map((item) => item.type)).toEqual(['message', 'compaction']);
      expect(compacted.output[0]).toMatchObject({ role: 'user', content: [{ text: 'plan the trip' }] });
      expect(compacted.usage.total_tokens).toBeGreaterThan(0);
      // The summarising call reached the provider with the conversation as a transcript.
      const summaryCall = proxy.recorder.requests(provider).at(-1)?.bodyText ?? '';
      expect(summaryCall).toContain('temp_c');

      // The compacted window, replayed as input (what the OpenAI docs tell clients to do), continues the chat.
      const next = await openai.responses.create({
        model,
        input: [...(compacted.output as ResponseInputItem[]), { role: 'user', content: 'and tomorrow?' }],
      });
      expect(next.output_text).toBe(FIXTURE_TEXT);
      const continuation = proxy.recorder.requests(provider).at(-1)?.bodyText ?? '';
      // The fixture's answer to the summarising call is FIXTURE_TEXT: that summary reached the provider as text.
      expect(continuation).toContain(FIXTURE_TEXT);
      expect(continuation).toContain('and tomorrow?');
      expect(continuation).not.toContain('switchyard.v1.compaction.');
    },
  );

  it("sdk: openai compacts with OpenAI's own /responses/compact, whose opaque item goes back to OpenAI only", async () => {
    const model = modelOf('openai');
    const compacted = await openai.responses.compact({ model, input: history, instructions: 'be brief' });
    expect(compacted.id).toBe('resp_compacted_by_openai');
    expect(compacted.output.at(-1)).toEqual({
      id: 'cmp_o1',
      type: 'compaction',
      encrypted_content: OPENAI_STATE,
    });
    expect(compactCalls).toHaveLength(1);
    expect(compactCalls[0]?.authorization).toBe(`Bearer ${upstreamKey('openai')}`);
    expect(compactCalls[0]?.body).toMatchObject({
      model: PROVIDERS.openai.defaultModel,
      instructions: 'be brief',
    });

    const window = [
      ...(compacted.output as ResponseInputItem[]),
      { role: 'user' as const, content: 'go on' },
    ];
    const next = await openai.responses.create({ model, input: window });
    expect(next.output_text).toBe(FIXTURE_TEXT);
    expect(proxy.recorder.requests('openai').at(-1)?.bodyText).toContain(
      `{"type":"compaction","encrypted_content":"${OPENAI_STATE}"}`,
    );

    const elsewhere = openai.responses.create({ model: modelOf('anthropic'), input: window });
    await expect(elsewhere).rejects.toMatchObject({
      status: 400,
      param: 'input',
      code: 'unsupported_feature',
    });
    expect(proxy.recorder.requests('anthropic')).toEqual([]);
  });

  it('sdk: stream: true is a 400 BadRequestError naming stream, before any upstream call', async () => {
    const streaming = { model: modelOf('anthropic'), input: history, stream: true };
    const refused = openai.responses.compact(streaming);
    await expect(refused).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      param: 'stream',
      code: 'unsupported_parameter',
      message: expect.stringContaining('Streaming not supported for compact responses') as unknown,
    });
    expect(proxy.recorder.requests('anthropic')).toEqual([]);
  });
});
