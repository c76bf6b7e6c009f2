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
  /** Anthropic clients: every content block as the client holds it (signatures and redacted data included). */
  readonly blocks?: readonly Record<string, unknown>[];
  /** Responses clients: each reasoning item's `encrypted_content`, the proof a replay hands back. */
  readonly proofs?: readonly (string | null | undefined)[];
}

const TOOLS = ['weather', 'time', 'read_file', 'exec_command'];
const PROMPT = 'do the thing';

/** The proxy as both SDKs reach it, and the model every request names. */
interface Target {
  readonly openai: OpenAI;
  readonly anthropic: Anthropic;
  readonly model: string;
}

function sdkTarget(rig: PlaneWithUpstream, model: string): Target {
  return {
    openai: new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${rig.plane.url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: CLIENT_KEY, baseURL: rig.plane.url, maxRetries: 0 }),
    model,
  };
}

let rig: PlaneWithUpstream;
let target: Target;
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
  target = sdkTarget(rig, 'deepseek/deepseek-chat');
});
afterAll(async () => {
  await rig.close();
});

const REASONING_NOT_ACCUMULATED = '(not accumulated by the SDK)';

const parse = (json: string): unknown => (json === '' ? {} : JSON.parse(json));

async function viaChat({ openai, model }: Target, stream: boolean): Promise<Seen> {
  const body = {
    model,
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

async function viaResponses({ openai, model }: Target, stream: boolean): Promise<Seen> {
  const body = {
    model,
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
  const proofs: (string | null | undefined)[] = [];
  const calls: { id: string; name: string; args: unknown }[] = [];
  for (const item of response.output) {
    if (item.type === 'message')
      for (const part of item.content) text += part.type === 'output_text' ? part.text : '';
    else if (item.type === 'reasoning') {
      reasoning += [...(item.content ?? []), ...item.summary].map((part) => part.text).join('');
      proofs.push(item.encrypted_content);
    } else if (item.type === 'function_call')
      calls.push({ id: item.call_id, name: item.name, args: parse(item.arguments) });
  }
  return {
    text,
    reasoning,
    calls,
    proofs,
    finish: response.status ?? '',
    inputTokens: response.usage?.input_tokens,
    outputTokens: response.usage?.output_tokens,
  };
}

async function viaMessages({ anthropic, model }: Target, stream: boolean): Promise<Seen> {
  const body = {
    model,
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
  const blocks: Record<string, unknown>[] = [];
  for (const block of message.content) {
    if (block.type === 'text') {
      text += block.text;
      blocks.push({ type: 'text', text: block.text });
    } else if (block.type === 'thinking') {
      reasoning += block.thinking;
      blocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking')
      blocks.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use') {
      calls.push({ id: block.id, name: block.name, args: block.input });
      blocks.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
    }
  }
  return {
    text,
    reasoning,
    calls,
    blocks,
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
          const streamedSeen = await dialect.run(target, true);
          const wholeSeen = await dialect.run(target, false);
          if (streamedSeen.reasoning === REASONING_NOT_ACCUMULATED)
            expect({ ...streamedSeen, reasoning: wholeSeen.reasoning }).toEqual(wholeSeen);
          else expect(streamedSeen).toEqual(wholeSeen);
          expect({ ...wholeSeen, blocks: undefined, proofs: undefined }).toEqual({
            blocks: undefined,
            proofs: undefined,
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

/**
 * The same agreement from an Anthropic upstream, whose answers are a sequence of content blocks: thinking blocks
 * with their signatures (adjacent ones too, and thinking between tool calls as with interleaved thinking),
 * `redacted_thinking` blocks, text and tool_use blocks with `input_json_delta` pieces. An Anthropic client must get
 * every block back exactly — a replayed conversation is refused when a signed or redacted block is merged, changed
 * or missing — and every client must get the same streamed as not streamed.
 */
type Block =
  | { readonly type: 'thinking'; readonly chunks: readonly string[]; readonly signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string }
  | { readonly type: 'text'; readonly chunks: readonly string[] }
  | { readonly type: 'tool_use'; readonly call: ToolCall };

interface BlockAnswer {
  readonly blocks: readonly Block[];
  readonly usage: { readonly input_tokens: number; readonly output_tokens: number };
}

const opaque = fc.string({
  minLength: 8,
  maxLength: 24,
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='),
});

const blockAnswer: fc.Arbitrary<BlockAnswer> = fc
  .record({
    kinds: fc.array(fc.constantFrom('thinking', 'redacted_thinking', 'text', 'tool_use'), {
      minLength: 1,
      maxLength: 6,
    }),
    chunks: fc.array(fc.array(chunk, { minLength: 1, maxLength: 3 }), { minLength: 6, maxLength: 6 }),
    proofs: fc.array(opaque, { minLength: 6, maxLength: 6 }),
    calls: fc.tuple(...Array.from({ length: 6 }, (_unused, index) => toolCall(index))),
    usage: fc.record({
      input_tokens: fc.integer({ min: 1, max: 9000 }),
      output_tokens: fc.integer({ min: 1, max: 900 }),
    }),
  })
  .map(({ kinds, chunks, proofs, calls, usage }) => ({
    blocks: kinds.map((kind, index): Block => {
      const pieces = chunks[index] as string[];
      const proof = proofs[index] as string;
      switch (kind) {
        case 'thinking':
          return { type: 'thinking', chunks: pieces, signature: proof };
        case 'redacted_thinking':
          return { type: 'redacted_thinking', data: proof };
        case 'text':
          return { type: 'text', chunks: pieces.join('') === '' ? ['.'] : pieces };
        case 'tool_use':
          return { type: 'tool_use', call: { ...(calls[index] as ToolCall), id: `toolu_gen_${index}` } };
      }
    }),
    usage,
  }))
  // Anthropic's own stream never has two text blocks in a row: a client could not tell them apart from one.
  .filter((a) =>
    a.blocks.every((block, i) => i === 0 || block.type !== 'text' || a.blocks[i - 1]?.type !== 'text'),
  );

const stopReason = (a: BlockAnswer): string =>
  a.blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';

function anthropicEvent(type: string, fields: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
}

function streamedBlocks(a: BlockAnswer): string {
  const frames = [
    anthropicEvent('message_start', {
      message: {
        id: 'msg_gen',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: a.usage.input_tokens, output_tokens: 1 },
      },
    }),
  ];
  a.blocks.forEach((block, index) => {
    const start = (content_block: Record<string, unknown>) =>
      frames.push(anthropicEvent('content_block_start', { index, content_block }));
    const delta = (fields: Record<string, unknown>) =>
      frames.push(anthropicEvent('content_block_delta', { index, delta: fields }));
    switch (block.type) {
      case 'thinking':
        start({ type: 'thinking', thinking: '', signature: '' });
        for (const piece of block.chunks) delta({ type: 'thinking_delta', thinking: piece });
        delta({ type: 'signature_delta', signature: block.signature });
        break;
      case 'redacted_thinking':
        start({ type: 'redacted_thinking', data: block.data });
        break;
      case 'text':
        start({ type: 'text', text: '' });
        for (const piece of block.chunks) delta({ type: 'text_delta', text: piece });
        break;
      case 'tool_use':
        start({ type: 'tool_use', id: block.call.id, name: block.call.name, input: {} });
        for (const piece of block.call.fragments) delta({ type: 'input_json_delta', partial_json: piece });
        break;
    }
    frames.push(anthropicEvent('content_block_stop', { index }));
  });
  frames.push(
    anthropicEvent('message_delta', {
      delta: { stop_reason: stopReason(a), stop_sequence: null },
      usage: { output_tokens: a.usage.output_tokens },
    }),
    anthropicEvent('message_stop', {}),
  );
  return frames.join('');
}

/** Each block as the Messages API holds it (and as an Anthropic client must get it back). */
function messageBlocks(a: BlockAnswer): Record<string, unknown>[] {
  return a.blocks.map((block) => {
    switch (block.type) {
      case 'thinking':
        return { type: 'thinking', thinking: block.chunks.join(''), signature: block.signature };
      case 'redacted_thinking':
        return { type: 'redacted_thinking', data: block.data };
      case 'text':
        return { type: 'text', text: block.chunks.join('') };
      case 'tool_use':
        return { type: 'tool_use', id: block.call.id, name: block.call.name, input: block.call.args };
    }
  });
}

function wholeBlocks(a: BlockAnswer): string {
  return JSON.stringify({
    id: 'msg_gen',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-6',
    content: messageBlocks(a),
    stop_reason: stopReason(a),
    stop_sequence: null,
    usage: a.usage,
  });
}

describe('official SDK accumulators rebuild exactly the non-streamed answer from an Anthropic upstream (generated block sequences)', () => {
  let anthropicRig: PlaneWithUpstream;
  let answerNow: BlockAnswer | undefined;
  let anthropicTarget: Target;

  beforeAll(async () => {
    anthropicRig = await startPlaneWithUpstream((baseUrl) => ({ anthropic: { baseUrl, keys: ['an-key'] } }));
    anthropicRig.upstream.respond((request) => {
      if (answerNow === undefined) return { status: 500, chunks: ['{"error":{"message":"no answer"}}'] };
      const wantsStream = (request.body as { stream?: boolean } | undefined)?.stream === true;
      return wantsStream
        ? { headers: { 'content-type': 'text/event-stream' }, chunks: [streamedBlocks(answerNow)] }
        : { chunks: [wholeBlocks(answerNow)] };
    });
    anthropicTarget = sdkTarget(anthropicRig, 'anthropic/claude-sonnet-4-6');
  });
  afterAll(async () => {
    await anthropicRig.close();
  });

  it.each(DIALECTS)(
    '$name: streamed (SDK accumulator) = not streamed',
    async (dialect) => {
      await fc.assert(
        fc.asyncProperty(blockAnswer, async (generated) => {
          answerNow = generated;
          const streamedSeen = await dialect.run(anthropicTarget, true);
          const wholeSeen = await dialect.run(anthropicTarget, false);
          if (streamedSeen.reasoning === REASONING_NOT_ACCUMULATED)
            expect({ ...streamedSeen, reasoning: wholeSeen.reasoning }).toEqual(wholeSeen);
          else expect(streamedSeen).toEqual(wholeSeen);
          const calls = generated.blocks.flatMap((block) => (block.type === 'tool_use' ? [block.call] : []));
          expect(wholeSeen.calls).toEqual(
            calls.map((call) => ({ id: call.id, name: call.name, args: call.args })),
          );
          if (wholeSeen.blocks !== undefined) expect(wholeSeen.blocks).toEqual(messageBlocks(generated));
        }),
        { numRuns: 40 },
      );
    },
    120_000,
  );
});
