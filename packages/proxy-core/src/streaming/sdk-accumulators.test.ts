/**
 * Streamed and non-streamed answers agree, as the official SDKs rebuild them (issue 13's acceptance). fast-check
 * generates answers — reasoning, text in random chunks (empty ones included), zero to three tool calls whose
 * argument JSON is cut at random points and, when the case says so, interleaved across calls the way OpenAI
 * addresses parallel calls by index — and a loopback upstream plays each one in the OpenAI-compatible chat wire
 * format, streamed or whole, as it was asked. Every answer then goes through the real model plane to each client
 * dialect twice: streamed into the SDK's own accumulator (openai `chat.completions.stream().finalChatCompletion()`,
 * `responses.stream().finalResponse()`, `@anthropic-ai/sdk` `messages.stream().finalMessage()`) and not streamed
 * (`create`). What the client can see — text, reasoning, tool calls with their arguments, the finish reason,
 * usage — must be the same both ways and equal to what the upstream said.
 */
import Anthropic from '@anthropic-ai/sdk';
import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sse } from '../providers/shared/testing/loopback-upstream.ts';
import {
  CLIENT_KEY,
  startPlaneWithUpstream,
  type PlaneWithUpstream,
} from '../providers/shared/testing/plane-with-upstream.ts';

interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly args: Record<string, unknown>;
  /** The argument JSON text, cut into the fragments the upstream streams. */
  readonly fragments: readonly string[];
}

interface Answer {
  readonly reasoning: readonly string[];
  readonly text: readonly string[];
  readonly calls: readonly ToolCall[];
  /** For each tool-call fragment after the opening ones, which call it belongs to (interleaved when mixed). */
  readonly order: readonly number[];
  readonly usage: { readonly prompt_tokens: number; readonly completion_tokens: number };
}

const chunk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '\n', 'é', '日本', '🙂', '"quoted"', '\\', '</s>'),
);

/** Cuts `text` at sorted random points into 1–4 fragments (empty fragments allowed). */
function fragmentsOf(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const point of points) {
    parts.push(text.slice(from, point));
    from = point;
  }
  parts.push(text.slice(from));
  return parts;
}

const toolCall = (index: number) =>
  fc
    .record({
      name: fc.constantFrom('weather', 'time', 'read_file', 'exec_command'),
      args: fc.dictionary(
        fc.constantFrom('city', 'path', 'cmd', 'n', 'flag', 'list'),
        fc.oneof(chunk, fc.integer({ min: -5, max: 5000 }), fc.boolean(), fc.array(chunk, { maxLength: 3 })),
        { maxKeys: 3 },
      ),
      cuts: fc.array(fc.nat(), { maxLength: 3 }),
    })
    .map(({ name, args, cuts }) => ({
      id: `call_gen_${index}`,
      name,
      args,
      fragments: fragmentsOf(JSON.stringify(args), cuts),
    }));

const answer: fc.Arbitrary<Answer> = fc
  .record({
    reasoning: fc.array(chunk, { maxLength: 3 }),
    text: fc.array(chunk, { maxLength: 4 }),
    calls: fc
      .integer({ min: 0, max: 3 })
      .chain((count) => fc.tuple(...Array.from({ length: count }, (_unused, index) => toolCall(index)))),
    mix: fc.array(fc.nat(), { maxLength: 12 }),
    usage: fc.record({
      prompt_tokens: fc.integer({ min: 1, max: 9000 }),
      completion_tokens: fc.integer({ min: 1, max: 900 }),
    }),
  })
  // Something must be said: an answer with no text, no reasoning and no call is not an answer.
  .filter((a) => a.calls.length > 0 || a.text.join('') !== '')
  .map(({ reasoning, text, calls, mix, usage }) => {
    // The fragments after each call's opening one, in an order that keeps each call's own fragments in sequence.
    const pending = calls.map((call) => call.fragments.length - 1);
    const order: number[] = [];
    let pick = 0;
    while (pending.some((left) => left > 0)) {
      const open = pending.flatMap((left, index) => (left > 0 ? [index] : []));
      const index = open[(mix[pick] ?? 0) % open.length] as number;
      pick += 1;
      order.push(index);
      pending[index] = (pending[index] as number) - 1;
    }
    return { reasoning, text, calls, order, usage };
  });

const delta = (fields: Record<string, unknown>, finish: string | null = null) =>
  sse.data({
    id: 'chatcmpl-gen',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'deepseek-chat',
    choices: [{ index: 0, delta: fields, finish_reason: finish }],
  });

const finishReason = (a: Answer): string => (a.calls.length > 0 ? 'tool_calls' : 'stop');

/** The answer as DeepSeek streams it: reasoning, text, every call opened then its fragments, finish, usage. */
function streamed(a: Answer): string {
  const frames = [delta({ role: 'assistant', content: '' })];
  for (const piece of a.reasoning) frames.push(delta({ reasoning_content: piece }));
  for (const piece of a.text) frames.push(delta({ content: piece }));
  a.calls.forEach((call, index) =>
    frames.push(
      delta({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.fragments[0] },
          },
        ],
      }),
    ),
  );
  const next = a.calls.map(() => 1);
  for (const index of a.order) {
    const call = a.calls[index] as ToolCall;
    const at = next[index] as number;
    next[index] = at + 1;
    frames.push(delta({ tool_calls: [{ index, function: { arguments: call.fragments[at] } }] }));
  }
  frames.push(delta({}, finishReason(a)));
  frames.push(sse.data({ id: 'chatcmpl-gen', object: 'chat.completion.chunk', choices: [], usage: a.usage }));
  frames.push(sse.data('[DONE]'));
  return frames.join('');
}

/** The same answer in one JSON body. */
function whole(a: Answer): string {
  const text = a.text.join('');
  const reasoning = a.reasoning.join('');
  return JSON.stringify({
    id: 'chatcmpl-gen',
    object: 'chat.completion',
    created: 1,
    model: 'deepseek-chat',
    choices: [
      {
        index: 0,
        finish_reason: finishReason(a),
        message: {
          role: 'assistant',
          content: text === '' && a.calls.length > 0 ? null : text,
          ...(reasoning === '' ? {} : { reasoning_content: reasoning }),
          ...(a.calls.length === 0
            ? {}
            : {
                tool_calls: a.calls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.fragments.join('') },
                })),
              }),
        },
      },
    ],
    usage: a.usage,
  });
}

/** What a client sees of an answer, the same shape for every dialect. */
interface Seen {
  readonly text: string;
  readonly reasoning: string;
  readonly calls: readonly { readonly id: string; readonly name: string; readonly args: unknown }[];
  readonly finish: string;
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
}

const TOOLS = ['weather', 'time', 'read_file', 'exec_command'];
const MODEL = 'deepseek/deepseek-chat';
const PROMPT = 'do the thing';

let rig: PlaneWithUpstream;
let openai: OpenAI;
let anthropic: Anthropic;
let current: Answer | undefined;

beforeAll(async () => {
  rig = await startPlaneWithUpstream((baseUrl) => ({ deepseek: { baseUrl, keys: ['ds-key'] } }));
  rig.upstream.respond((request) => {
    if (current === undefined) return { status: 500, chunks: ['{"error":{"message":"no answer"}}'] };
    const wantsStream = (request.body as { stream?: boolean } | undefined)?.stream === true;
    return wantsStream
      ? { headers: { 'content-type': 'text/event-stream' }, chunks: [streamed(current)] }
      : { chunks: [whole(current)] };
  });
  openai = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${rig.plane.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: CLIENT_KEY, baseURL: rig.plane.url, maxRetries: 0 });
});
afterAll(async () => {
  await rig.close();
});

const REASONING_NOT_ACCUMULATED = '(not accumulated by the SDK)';

const parse = (json: string): unknown => (json === '' ? {} : JSON.parse(json));

async function viaChat(stream: boolean): Promise<Seen> {
  const body = {
    model: MODEL,
    messages: [{ role: 'user' as const, content: PROMPT }],
    tools: TOOLS.map((name) => ({
      type: 'function' as const,
      function: { name, parameters: { type: 'object' } },
    })),
  };
  const completion = stream
    ? await openai.chat.completions
        .stream({ ...body, stream_options: { include_usage: true } })
        .finalChatCompletion()
    : await openai.chat.completions.create(body);
  const choice = completion.choices[0];
  const message = choice?.message as (typeof choice & object)['message'] & { reasoning_content?: string };
  return {
    text: message?.content ?? '',
    // `reasoning_content` is DeepSeek's extension, not OpenAI's: the SDK's accumulator keeps only the last chunk's
    // value of a field it does not know, so the streamed side cannot show it. The non-streamed side must.
    reasoning: stream ? REASONING_NOT_ACCUMULATED : (message?.reasoning_content ?? ''),
    calls: (message?.tool_calls ?? []).map((call) => {
      if (call.type !== 'function') throw new Error(`unexpected ${call.type} call`);
      return { id: call.id, name: call.function.name, args: parse(call.function.arguments) };
    }),
    finish: choice?.finish_reason ?? '',
    inputTokens: completion.usage?.prompt_tokens,
    outputTokens: completion.usage?.completion_tokens,
  };
}

async function viaResponses(stream: boolean): Promise<Seen> {
  const body = {
    model: MODEL,
    input: PROMPT,
    tools: TOOLS.map((name) => ({
      type: 'function' as const,
      name,
      parameters: { type: 'object' },
      strict: false,
    })),
  };
  const response = stream
    ? await openai.responses.stream(body).finalResponse()
    : await openai.responses.create(body);
  let text = '';
  let reasoning = '';
  const calls: { id: string; name: string; args: unknown }[] = [];
  for (const item of response.output) {
    if (item.type === 'message')
      for (const part of item.content) text += part.type === 'output_text' ? part.text : '';
    else if (item.type === 'reasoning')
      reasoning += [...(item.content ?? []), ...item.summary].map((part) => part.text).join('');
    else if (item.type === 'function_call')
      calls.push({ id: item.call_id, name: item.name, args: parse(item.arguments) });
  }
  return {
    text,
    reasoning,
    calls,
    finish: response.status ?? '',
    inputTokens: response.usage?.input_tokens,
    outputTokens: response.usage?.output_tokens,
  };
}

async function viaMessages(stream: boolean): Promise<Seen> {
  const body = {
    model: MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user' as const, content: PROMPT }],
    tools: TOOLS.map((name) => ({ name, input_schema: { type: 'object' as const } })),
  };
  const message = stream
    ? await anthropic.messages.stream(body).finalMessage()
    : await anthropic.messages.create(body);
  let text = '';
  let reasoning = '';
  const calls: { id: string; name: string; args: unknown }[] = [];
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'thinking') reasoning += block.thinking;
    else if (block.type === 'tool_use') calls.push({ id: block.id, name: block.name, args: block.input });
  }
  return {
    text,
    reasoning,
    calls,
    finish: message.stop_reason ?? '',
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
  };
}

const DIALECTS = [
  { name: 'openai chat', run: viaChat, finish: (a: Answer) => finishReason(a) },
  { name: 'openai responses', run: viaResponses, finish: () => 'completed' },
  {
    name: 'anthropic messages',
    run: viaMessages,
    finish: (a: Answer) => (a.calls.length > 0 ? 'tool_use' : 'end_turn'),
  },
] as const;

describe('official SDK accumulators rebuild exactly the non-streamed answer (generated answers, real plane)', () => {
  it.each(DIALECTS)(
    '$name: streamed (SDK accumulator) = not streamed = what the upstream said',
    async (dialect) => {
      await fc.assert(
        fc.asyncProperty(answer, async (generated) => {
          current = generated;
          const streamedSeen = await dialect.run(true);
          const wholeSeen = await dialect.run(false);
          if (streamedSeen.reasoning === REASONING_NOT_ACCUMULATED)
            expect({ ...streamedSeen, reasoning: wholeSeen.reasoning }).toEqual(wholeSeen);
          else expect(streamedSeen).toEqual(wholeSeen);
          expect(wholeSeen).toEqual({
            text: generated.text.join(''),
            reasoning: generated.reasoning.join(''),
            calls: generated.calls.map((call) => ({ id: call.id, name: call.name, args: call.args })),
            finish: dialect.finish(generated),
            inputTokens: generated.usage.prompt_tokens,
            outputTokens: generated.usage.completion_tokens,
          });
        }),
        { numRuns: 40 },
      );
    },
    120_000,
  );
});
