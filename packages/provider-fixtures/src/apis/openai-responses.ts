import {
  FIXTURE_CREATED_AT,
  FIXTURE_IDS,
  FIXTURE_INTERLEAVING,
  FIXTURE_PARALLEL_TOOL_CALLS,
  FIXTURE_REASONING_BLOCKS,
  FIXTURE_REASONING_CHUNKS,
  FIXTURE_TEXT,
  FIXTURE_TEXT_CHUNKS,
  FIXTURE_TOOL_CALL,
  usageFor,
  type AnswerContext,
  type AnswerKind,
} from '../content.ts';
import { jsonFrame, type SseFrame } from '../sse.ts';
import type { ApiFixture } from './api-fixture.ts';

// OpenAI Responses (protocols.md §1): `event:` + `data:` frames, `type` repeated in the JSON, a
// monotonic `sequence_number`, no [DONE]; exactly one terminal event.

type EventPayload = { readonly type: string } & Record<string, unknown>;

function usage(kind: AnswerKind): Record<string, unknown> {
  const counts = usageFor(kind);
  return {
    input_tokens: counts.inputTokens,
    input_tokens_details: { cached_tokens: counts.cachedInputTokens },
    output_tokens: counts.outputTokens,
    output_tokens_details: { reasoning_tokens: counts.reasoningTokens },
    total_tokens: counts.inputTokens + counts.outputTokens,
  };
}

function responseObject(
  context: AnswerContext,
  status: 'in_progress' | 'completed',
  output: readonly unknown[],
  usageBody: Record<string, unknown> | null,
): Record<string, unknown> {
  return {
    id: FIXTURE_IDS.openaiResponse,
    object: 'response',
    created_at: FIXTURE_CREATED_AT,
    status,
    error: null,
    incomplete_details: null,
    model: context.model,
    output,
    parallel_tool_calls: true,
    usage: usageBody,
  };
}

const outputText = (text: string) => ({ type: 'output_text', text, annotations: [] });

function messageItem(status: 'in_progress' | 'completed', text: string | undefined): Record<string, unknown> {
  return {
    type: 'message',
    id: FIXTURE_IDS.openaiMessageItem,
    status,
    role: 'assistant',
    content: text === undefined ? [] : [outputText(text)],
  };
}

/** A reasoning item's summary, and the encrypted reasoning OpenAI returns with it when asked (`include`). */
interface Reasoning {
  readonly id: string;
  readonly chunks: readonly string[];
  readonly encryptedContent?: string;
}

function reasoningItem(reasoning: Reasoning, summary: string | undefined): Record<string, unknown> {
  return {
    type: 'reasoning',
    id: reasoning.id,
    summary: summary === undefined ? [] : [{ type: 'summary_text', text: summary }],
    ...(reasoning.encryptedContent === undefined ? {} : { encrypted_content: reasoning.encryptedContent }),
  };
}

interface Call {
  readonly itemId: string;
  readonly callId: string;
  readonly name: string;
  readonly argumentChunks: readonly string[];
  readonly arguments: string;
}

const SINGLE_CALL: Call = {
  itemId: FIXTURE_IDS.openaiFunctionItem,
  callId: FIXTURE_IDS.toolCall,
  ...FIXTURE_TOOL_CALL,
};

function functionCallItem(call: Call, status: 'in_progress' | 'completed'): Record<string, unknown> {
  return {
    type: 'function_call',
    id: call.itemId,
    call_id: call.callId,
    name: call.name,
    arguments: status === 'completed' ? call.arguments : '',
    status,
  };
}

const SINGLE_REASONING: Reasoning = { id: FIXTURE_IDS.openaiReasoningItem, chunks: FIXTURE_REASONING_CHUNKS };
const REASONING_BLOCKS: readonly Reasoning[] = FIXTURE_REASONING_BLOCKS.map((block, index) => ({
  id: `rs_fixture_000${index + 1}`,
  chunks: block.chunks,
  encryptedContent: block.encryptedContent,
}));

/** The answer's output items in order: what `reasoning`s and `calls` it has, then its message unless it calls. */
interface Output {
  readonly reasoning: readonly Reasoning[];
  readonly calls: readonly Call[];
}

function outputOf(kind: AnswerKind): Output {
  switch (kind) {
    case 'text':
      return { reasoning: [], calls: [] };
    case 'tool-call':
      return { reasoning: [], calls: [SINGLE_CALL] };
    case 'parallel-tool-calls':
      return { reasoning: [], calls: FIXTURE_PARALLEL_TOOL_CALLS };
    case 'reasoning':
      return { reasoning: [SINGLE_REASONING], calls: [] };
    case 'reasoning-blocks':
      return { reasoning: REASONING_BLOCKS, calls: [] };
  }
}

function finalOutput(kind: AnswerKind): unknown[] {
  const { reasoning, calls } = outputOf(kind);
  const items = reasoning.map((item) => reasoningItem(item, item.chunks.join('')));
  if (calls.length > 0) return [...items, ...calls.map((call) => functionCallItem(call, 'completed'))];
  return [...items, messageItem('completed', FIXTURE_TEXT)];
}

function messageEvents(outputIndex: number): EventPayload[] {
  const ids = { item_id: FIXTURE_IDS.openaiMessageItem, output_index: outputIndex, content_index: 0 };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: messageItem('in_progress', undefined),
    },
    { type: 'response.content_part.added', ...ids, part: outputText('') },
    ...FIXTURE_TEXT_CHUNKS.map((delta) => ({
      type: 'response.output_text.delta',
      ...ids,
      delta,
      logprobs: [],
    })),
    { type: 'response.output_text.done', ...ids, text: FIXTURE_TEXT, logprobs: [] },
    { type: 'response.content_part.done', ...ids, part: outputText(FIXTURE_TEXT) },
    {
      type: 'response.output_item.done',
      output_index: outputIndex,
      item: messageItem('completed', FIXTURE_TEXT),
    },
  ];
}

function reasoningEvents(reasoning: Reasoning, outputIndex: number): EventPayload[] {
  const ids = { item_id: reasoning.id, output_index: outputIndex, summary_index: 0 };
  const summaryPart = (text: string) => ({ type: 'summary_text', text });
  const text = reasoning.chunks.join('');
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: reasoningItem({ id: reasoning.id, chunks: [] }, undefined),
    },
    { type: 'response.reasoning_summary_part.added', ...ids, part: summaryPart('') },
    ...reasoning.chunks.map((delta) => ({
      type: 'response.reasoning_summary_text.delta',
      ...ids,
      delta,
    })),
    { type: 'response.reasoning_summary_text.done', ...ids, text },
    { type: 'response.reasoning_summary_part.done', ...ids, part: summaryPart(text) },
    { type: 'response.output_item.done', output_index: outputIndex, item: reasoningItem(reasoning, text) },
  ];
}

/** One call's events: `opening` (added + first fragment), then one per later fragment, the last closing it. */
function functionCallEvents(call: Call, outputIndex: number): EventPayload[][] {
  const ids = { item_id: call.itemId, output_index: outputIndex };
  const delta = (piece: string): EventPayload => ({
    type: 'response.function_call_arguments.delta',
    ...ids,
    delta: piece,
  });
  const steps = call.argumentChunks.map((piece) => [delta(piece)]);
  steps[0]?.unshift({
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: functionCallItem(call, 'in_progress'),
  });
  steps.at(-1)?.push(
    { type: 'response.function_call_arguments.done', ...ids, name: call.name, arguments: call.arguments },
    {
      type: 'response.output_item.done',
      output_index: outputIndex,
      item: functionCallItem(call, 'completed'),
    },
  );
  return steps;
}

/** Calls addressed by item id may overlap: their fragments go out in FIXTURE_INTERLEAVING's order. */
function callEvents(calls: readonly Call[], firstIndex: number): EventPayload[] {
  const steps = calls.map((call, index) => functionCallEvents(call, firstIndex + index));
  if (calls.length === 1) return steps.flat(2);
  return FIXTURE_INTERLEAVING.flatMap(([call, piece]) => steps[call]?.[piece] ?? []);
}

function itemEvents(kind: AnswerKind): EventPayload[] {
  const { reasoning, calls } = outputOf(kind);
  const thoughts = reasoning.flatMap((item, index) => reasoningEvents(item, index));
  const answer = calls.length > 0 ? callEvents(calls, reasoning.length) : messageEvents(reasoning.length);
  return [...thoughts, ...answer];
}

function sequenced(payloads: readonly EventPayload[]): SseFrame[] {
  return payloads.map((payload, index) => jsonFrame({ ...payload, sequence_number: index }, payload.type));
}

export const openAiResponsesFixture: ApiFixture = {
  json: (kind, context) => responseObject(context, 'completed', finalOutput(kind), usage(kind)),
  stream: (kind, context) =>
    sequenced([
      { type: 'response.created', response: responseObject(context, 'in_progress', [], null) },
      { type: 'response.in_progress', response: responseObject(context, 'in_progress', [], null) },
      ...itemEvents(kind),
      {
        type: 'response.completed',
        response: responseObject(context, 'completed', finalOutput(kind), usage(kind)),
      },
    ]),
  streamError: (_context, sentFrames) =>
    jsonFrame(
      {
        type: 'error',
        code: 'server_error',
        message: 'The server had an error while processing your request.',
        param: null,
        sequence_number: sentFrames.length,
      },
      'error',
    ),
  isContentDelta: (frame) => frame.event === 'response.output_text.delta',
  frameLineEnd: '\n',
};
