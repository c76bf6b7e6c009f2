import { describe, expect, it } from 'vitest';
import { FIXTURE_REASONING, FIXTURE_TEXT, FIXTURE_TOOL_CALL } from '../content.ts';
import { eventNames, exchange, frameJson, frames } from '../test-support.ts';

interface ResponsesEvent {
  type: string;
  sequence_number: number;
  delta?: string;
  output_index?: number;
  item?: { type: string };
  response?: {
    status: string;
    model: string;
    output: { type: string }[];
    usage: Record<string, unknown> | null;
  };
}

const events = async (options: Parameters<typeof exchange>[1]) => {
  const all = frames(await exchange('openai', { api: 'openai-responses', ...options }));
  return { all, names: eventNames(all), payloads: all.map((frame) => frameJson<ResponsesEvent>(frame)) };
};

const MESSAGE_EVENTS = [
  'response.output_item.added',
  'response.content_part.added',
  'response.output_text.delta',
  'response.output_text.delta',
  'response.output_text.delta',
  'response.output_text.delta',
  'response.output_text.done',
  'response.content_part.done',
  'response.output_item.done',
];

describe('OpenAI Responses fixtures (protocols.md §1)', () => {
  it('streams a text answer in the documented order, ending with exactly one response.completed', async () => {
    const { names, payloads } = await events({ stream: true });
    expect(names).toEqual([
      'response.created',
      'response.in_progress',
      ...MESSAGE_EVENTS,
      'response.completed',
    ]);
    expect(payloads.map((payload) => payload.type)).toEqual(names);
    expect(payloads.map((payload) => payload.sequence_number)).toEqual(payloads.map((_, index) => index));
    const text = payloads
      .filter((p) => p.type === 'response.output_text.delta')
      .map((p) => p.delta)
      .join('');
    expect(text).toBe(FIXTURE_TEXT);
    expect(payloads.at(-1)?.response).toMatchObject({
      status: 'completed',
      model: 'gpt-5-codex-mini',
      usage: {
        input_tokens: 24,
        input_tokens_details: { cached_tokens: 8 },
        output_tokens: 6,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 30,
      },
    });
  });

  it('answers a non-streamed request with the completed response object', async () => {
    const response = await exchange('openai', { api: 'openai-responses', body: { model: 'gpt-5' } });
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.text)).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-5',
      output: [
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: FIXTURE_TEXT }] },
      ],
      usage: { input_tokens: 24, output_tokens: 6 },
    });
  });

  it('streams a function call with its arguments in fragments', async () => {
    const { names, payloads } = await events({ stream: true, scenario: 'tool-call' });
    expect(names).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(payloads[2]?.item).toMatchObject({
      type: 'function_call',
      name: FIXTURE_TOOL_CALL.name,
      arguments: '',
    });
    const args = payloads
      .filter((p) => p.type === 'response.function_call_arguments.delta')
      .map((p) => p.delta);
    expect(args.join('')).toBe(FIXTURE_TOOL_CALL.arguments);
    expect(payloads.at(-1)?.response?.output).toEqual([
      expect.objectContaining({
        type: 'function_call',
        arguments: FIXTURE_TOOL_CALL.arguments,
        status: 'completed',
      }),
    ]);
  });

  it('streams a reasoning item before the message and reports reasoning tokens', async () => {
    const { names, payloads } = await events({ stream: true, scenario: 'reasoning' });
    expect(names.slice(2, 9)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    expect(names.slice(9)).toEqual([...MESSAGE_EVENTS, 'response.completed']);
    expect(payloads[9]?.output_index).toBe(1);
    const summary = payloads
      .filter((p) => p.type === 'response.reasoning_summary_text.delta')
      .map((p) => p.delta);
    expect(summary.join('')).toBe(FIXTURE_REASONING);
    const completed = payloads.at(-1)?.response;
    expect(completed?.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(completed?.usage).toMatchObject({
      output_tokens: 40,
      output_tokens_details: { reasoning_tokens: 34 },
    });
  });

  it('ends a failing 200 stream with an error event and no response.completed', async () => {
    const { names, payloads } = await events({ stream: true, scenario: 'stream-error' });
    expect(names).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'error',
    ]);
    expect(payloads.at(-1)).toEqual({
      type: 'error',
      code: 'server_error',
      message: expect.any(String),
      param: null,
      sequence_number: 5,
    });
  });

  it('cuts a truncated stream after the first delta, with no terminal event', async () => {
    const { names } = await events({ stream: true, scenario: 'stream-truncated' });
    expect(names.at(-1)).toBe('response.output_text.delta');
    expect(names).not.toContain('response.completed');
  });
});
