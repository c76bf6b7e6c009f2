import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { FIXTURE_TEXT, FIXTURE_TOOL_CALL, PROVIDERS, PROVIDER_IDS } from '@switchyard/provider-fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startContractProxy, type ContractProxy } from './rig/contract-proxy.ts';
import { WEATHER_TOOL } from './rig/dialects.ts';
import { CLIENT_KEY } from './rig/proxy-config.ts';
import { TOOL_OUTPUT, TOOL_QUESTION, upstreamToolConversation } from './rig/tool-conversation.ts';

let proxy: ContractProxy;
let openai: OpenAI;
let anthropic: Anthropic;
beforeAll(async () => {
  proxy = await startContractProxy();
  openai = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: CLIENT_KEY, baseURL: proxy.url, maxRetries: 0 });
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => {
  proxy.recorder.clear();
  proxy.useScenario(undefined);
});

const providers = PROVIDER_IDS.map((provider) => ({
  provider,
  model: `${provider}/${PROVIDERS[provider].defaultModel}`,
}));
const messages = [{ role: 'user' as const, content: TOOL_QUESTION }];
const chatTool = { type: 'function' as const, function: WEATHER_TOOL };
const responsesTool = { type: 'function' as const, ...WEATHER_TOOL, strict: false };

describe('official openai SDK through proxy-core to each provider', () => {
  it.each(providers)('sdk: $provider × openai-chat × not streamed', async ({ model }) => {
    const completion = await openai.chat.completions.create({ model, messages });
    expect(completion.choices[0]?.message.content).toBe(FIXTURE_TEXT);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it.each(providers)('sdk: $provider × openai-chat × streamed', async ({ model }) => {
    const stream = await openai.chat.completions.create({
      model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let total = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      total = chunk.usage?.total_tokens ?? total;
    }
    expect(text).toBe(FIXTURE_TEXT);
    expect(total).toBe(30);
  });

  it.each(providers)('sdk: $provider × openai-responses × not streamed', async ({ model }) => {
    const response = await openai.responses.create({ model, input: 'hello' });
    expect(response.output_text).toBe(FIXTURE_TEXT);
    expect(response.status).toBe('completed');
  });

  it.each(providers)('sdk: $provider × openai-responses × streamed', async ({ model }) => {
    const stream = openai.responses.stream({ model, input: 'hello' });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect((await stream.finalResponse()).output_text).toBe(FIXTURE_TEXT);
    expect([types.at(0), types.at(-1)]).toEqual(['response.created', 'response.completed']);
  });

  it.each(providers)('sdk: $provider × openai-completions (legacy) × not streamed', async ({ model }) => {
    const completion = await openai.completions.create({ model, prompt: TOOL_QUESTION });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]?.text).toBe(FIXTURE_TEXT);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it.each(providers)('sdk: $provider × openai-completions (legacy) × streamed', async ({ model }) => {
    const stream = await openai.completions.create({ model, prompt: TOOL_QUESTION, stream: true });
    let text = '';
    const finishes: string[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      const finish = chunk.choices[0]?.finish_reason;
      if (finish) finishes.push(finish);
    }
    expect(text).toBe(FIXTURE_TEXT);
    expect(finishes).toEqual(['stop']);
  });

  it.each(providers)('sdk: $provider × openai-chat × tool-call round trip', async ({ provider, model }) => {
    proxy.useScenario('tool-call');
    const first = await openai.chat.completions.create({ model, messages, tools: [chatTool] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? [call.function.name, call.function.arguments] : call).toEqual([
      FIXTURE_TOOL_CALL.name,
      FIXTURE_TOOL_CALL.arguments,
    ]);

    proxy.useScenario('plain');
    const second = await openai.chat.completions.create({
      model,
      tools: [chatTool],
      messages: [
        ...messages,
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call?.id ?? '', content: '{"temp_c":21}' },
      ],
    });
    expect(second.choices[0]?.message.content).toBe(FIXTURE_TEXT);
    const resent = proxy.recorder.requests(provider).at(-1)?.bodyText ?? '';
    expect(resent).toContain('temp_c'); // the tool result reached the upstream in its own format
    expect(resent).toContain(FIXTURE_TOOL_CALL.name);
  });

  it.each(providers)(
    'sdk: $provider × openai-responses × tool-call round trip',
    async ({ provider, model }) => {
      proxy.useScenario('tool-call');
      const first = await openai.responses.create({ model, input: messages, tools: [responsesTool] });
      const call = first.output.find((item) => item.type === 'function_call');
      expect(first.status).toBe('completed');
      expect(call).toMatchObject({
        type: 'function_call',
        name: FIXTURE_TOOL_CALL.name,
        call_id: expect.stringMatching(/^\S+$/) as unknown,
        arguments: FIXTURE_TOOL_CALL.arguments,
      });
      if (call?.type !== 'function_call') throw new Error('expected a function_call output item');
      expect(JSON.parse(call.arguments)).toEqual(FIXTURE_TOOL_CALL.input);

      proxy.useScenario('plain');
      const second = await openai.responses.create({
        model,
        tools: [responsesTool],
        input: [
          ...messages,
          call,
          { type: 'function_call_output', call_id: call.call_id, output: TOOL_OUTPUT },
        ],
      });
      expect(second.output_text).toBe(FIXTURE_TEXT);
      const resent = proxy.recorder.requests(provider).at(-1)?.body;
      expect(resent).toMatchObject(upstreamToolConversation(provider, call.call_id));
    },
  );
});

describe('official @anthropic-ai/sdk through proxy-core to each provider', () => {
  it.each(providers)('sdk: $provider × anthropic-messages × streamed', async ({ model }) => {
    const stream = anthropic.messages.stream({ model, max_tokens: 256, messages });
    const final = await stream.finalMessage();
    expect(final.content).toEqual([expect.objectContaining({ type: 'text', text: FIXTURE_TEXT })]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(6);
  });

  it.each(providers)(
    'sdk: $provider × anthropic-messages × tool use round trip',
    async ({ provider, model }) => {
      const tools = [
        {
          name: WEATHER_TOOL.name,
          description: WEATHER_TOOL.description,
          input_schema: WEATHER_TOOL.parameters,
        },
      ];
      proxy.useScenario('tool-call');
      const first = await anthropic.messages
        .stream({ model, max_tokens: 256, messages, tools })
        .finalMessage();
      const toolUse = first.content.find((block) => block.type === 'tool_use');
      expect(first.stop_reason).toBe('tool_use');
      expect(toolUse?.type === 'tool_use' ? [toolUse.name, toolUse.input] : toolUse).toEqual([
        FIXTURE_TOOL_CALL.name,
        FIXTURE_TOOL_CALL.input,
      ]);

      proxy.useScenario('plain');
      const second = await anthropic.messages.create({
        model,
        max_tokens: 256,
        tools,
        messages: [
          ...messages,
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: toolUse?.type === 'tool_use' ? toolUse.id : '',
                content: '{"temp_c":21}',
              },
            ],
          },
        ],
      });
      expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: FIXTURE_TEXT })]);
      expect(proxy.recorder.requests(provider).at(-1)?.bodyText).toContain('temp_c');
    },
  );
});
