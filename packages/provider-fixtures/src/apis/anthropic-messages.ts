import {
  FIXTURE_IDS,
  FIXTURE_REASONING,
  FIXTURE_REASONING_CHUNKS,
  FIXTURE_TEXT,
  FIXTURE_TEXT_CHUNKS,
  FIXTURE_THINKING_SIGNATURE,
  FIXTURE_TOOL_CALL,
  usageFor,
  type AnswerContext,
  type AnswerKind,
} from '../content.ts';
import { jsonFrame, type SseFrame } from '../sse.ts';
import type { ApiFixture } from './api-fixture.ts';

// Anthropic Messages (protocols.md §4): message_start → per block start/delta×N/stop → message_delta
// (stop_reason, cumulative usage) → message_stop; `ping` may appear anywhere. Thinking tokens are
// part of output_tokens: Anthropic reports no separate reasoning count.

type ContentBlock = Record<string, unknown> & { readonly type: string };

/** Anthropic's input_tokens exclude cache reads, unlike OpenAI's prompt tokens. */
function usage(kind: AnswerKind, outputTokens = usageFor(kind).outputTokens): Record<string, number> {
  const counts = usageFor(kind);
  return {
    input_tokens: counts.inputTokens - counts.cachedInputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: counts.cachedInputTokens,
    output_tokens: outputTokens,
  };
}

const stopReasonOf = (kind: AnswerKind) => (kind === 'tool-call' ? 'tool_use' : 'end_turn');

function completeBlocks(kind: AnswerKind): ContentBlock[] {
  if (kind === 'tool-call') {
    return [
      {
        type: 'tool_use',
        id: FIXTURE_IDS.anthropicToolUse,
        name: FIXTURE_TOOL_CALL.name,
        input: FIXTURE_TOOL_CALL.input,
      },
    ];
  }
  const text: ContentBlock = { type: 'text', text: FIXTURE_TEXT };
  if (kind === 'text') return [text];
  return [{ type: 'thinking', thinking: FIXTURE_REASONING, signature: FIXTURE_THINKING_SIGNATURE }, text];
}

function message(
  context: AnswerContext,
  content: readonly ContentBlock[],
  stopReason: string | null,
  usageBody: Record<string, number>,
): Record<string, unknown> {
  return {
    id: FIXTURE_IDS.anthropicMessage,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: usageBody,
  };
}

interface StreamedBlock {
  readonly start: ContentBlock;
  readonly deltas: readonly Record<string, unknown>[];
}

function streamedBlocks(kind: AnswerKind): StreamedBlock[] {
  if (kind === 'tool-call') {
    return [
      {
        start: {
          type: 'tool_use',
          id: FIXTURE_IDS.anthropicToolUse,
          name: FIXTURE_TOOL_CALL.name,
          input: {},
        },
        deltas: FIXTURE_TOOL_CALL.argumentChunks.map((piece) => ({
          type: 'input_json_delta',
          partial_json: piece,
        })),
      },
    ];
  }
  const text: StreamedBlock = {
    start: { type: 'text', text: '' },
    deltas: FIXTURE_TEXT_CHUNKS.map((piece) => ({ type: 'text_delta', text: piece })),
  };
  if (kind === 'text') return [text];
  const thinking: StreamedBlock = {
    start: { type: 'thinking', thinking: '', signature: '' },
    deltas: [
      ...FIXTURE_REASONING_CHUNKS.map((piece) => ({ type: 'thinking_delta', thinking: piece })),
      { type: 'signature_delta', signature: FIXTURE_THINKING_SIGNATURE },
    ],
  };
  return [thinking, text];
}

function blockFrames(block: StreamedBlock, index: number): SseFrame[] {
  return [
    jsonFrame({ type: 'content_block_start', index, content_block: block.start }, 'content_block_start'),
    // Anthropic sends a keep-alive ping early in the stream; clients must ignore it.
    ...(index === 0 ? [jsonFrame({ type: 'ping' }, 'ping')] : []),
    ...block.deltas.map((delta) =>
      jsonFrame({ type: 'content_block_delta', index, delta }, 'content_block_delta'),
    ),
    jsonFrame({ type: 'content_block_stop', index }, 'content_block_stop'),
  ];
}

export const anthropicMessagesFixture: ApiFixture = {
  json: (kind, context) => message(context, completeBlocks(kind), stopReasonOf(kind), usage(kind)),
  stream: (kind, context) => [
    jsonFrame(
      { type: 'message_start', message: message(context, [], null, usage(kind, 1)) },
      'message_start',
    ),
    ...streamedBlocks(kind).flatMap(blockFrames),
    jsonFrame(
      {
        type: 'message_delta',
        delta: { stop_reason: stopReasonOf(kind), stop_sequence: null },
        usage: usage(kind),
      },
      'message_delta',
    ),
    jsonFrame({ type: 'message_stop' }, 'message_stop'),
  ],
  streamError: () =>
    jsonFrame(
      {
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
        request_id: FIXTURE_IDS.anthropicRequest,
      },
      'error',
    ),
  isContentDelta: (frame) =>
    frame.event === 'content_block_delta' && frame.data.includes('"type":"text_delta"'),
  frameLineEnd: '\n',
};
