import {
  FIXTURE_CREATED_AT,
  FIXTURE_IDS,
  FIXTURE_REASONING,
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

const MESSAGE_OUTPUT_INDEX = { text: 0, reasoning: 1 } as const;

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

function reasoningItem(summary: string | undefined): Record<string, unknown> {
  return {
    type: 'reasoning',
    id: FIXTURE_IDS.openaiReasoningItem,
    summary: summary === undefined ? [] : [{ type: 'summary_text', text: summary }],
  };
}

function functionCallItem(status: 'in_progress' | 'completed', args: string): Record<string, unknown> {
  return {
    type: 'function_call',
    id: FIXTURE_IDS.openaiFunctionItem,
    call_id: FIXTURE_IDS.toolCall,
    name: FIXTURE_TOOL_CALL.name,
    arguments: args,
    status,
  };
}

function finalOutput(kind: AnswerKind): unknown[] {
  if (kind === 'tool-call') return [functionCallItem('completed', FIXTURE_TOOL_CALL.arguments)];
  const message = messageItem('completed', FIXTURE_TEXT);
  return kind === 'reasoning' ? [reasoningItem(FIXTURE_REASONING), message] : [message];
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

function reasoningEvents(): EventPayload[] {
  const ids = { item_id: FIXTURE_IDS.openaiReasoningItem, output_index: 0, summary_index: 0 };
  const summaryPart = (text: string) => ({ type: 'summary_text', text });
  return [
    { type: 'response.output_item.added', output_index: 0, item: reasoningItem(undefined) },
    { type: 'response.reasoning_summary_part.added', ...ids, part: summaryPart('') },
    ...FIXTURE_REASONING_CHUNKS.map((delta) => ({
      type: 'response.reasoning_summary_text.delta',
      ...ids,
      delta,
    })),
    { type: 'response.reasoning_summary_text.done', ...ids, text: FIXTURE_REASONING },
    { type: 'response.reasoning_summary_part.done', ...ids, part: summaryPart(FIXTURE_REASONING) },
    { type: 'response.output_item.done', output_index: 0, item: reasoningItem(FIXTURE_REASONING) },
  ];
}

function functionCallEvents(): EventPayload[] {
  const ids = { item_id: FIXTURE_IDS.openaiFunctionItem, output_index: 0 };
  return [
    { type: 'response.output_item.added', output_index: 0, item: functionCallItem('in_progress', '') },
    ...FIXTURE_TOOL_CALL.argumentChunks.map((delta) => ({
      type: 'response.function_call_arguments.delta',
      ...ids,
      delta,
    })),
    {
      type: 'response.function_call_arguments.done',
      ...ids,
      name: FIXTURE_TOOL_CALL.name,
      arguments: FIXTURE_TOOL_CALL.arguments,
    },
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: functionCallItem('completed', FIXTURE_TOOL_CALL.arguments),
    },
  ];
}

function itemEvents(kind: AnswerKind): EventPayload[] {
  if (kind === 'tool-call') return functionCallEvents();
  if (kind === 'reasoning') return [...reasoningEvents(), ...messageEvents(MESSAGE_OUTPUT_INDEX.reasoning)];
  return messageEvents(MESSAGE_OUTPUT_INDEX.text);
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
