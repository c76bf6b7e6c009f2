import {
  FIXTURE_IDS,
  FIXTURE_PARALLEL_TOOL_CALLS,
  FIXTURE_REASONING_BLOCKS,
  FIXTURE_REASONING_CHUNKS,
  FIXTURE_REDACTED_THINKING,
  FIXTURE_TEXT,
  FIXTURE_TEXT_CHUNKS,
  FIXTURE_THINKING_SIGNATURE,
  FIXTURE_TOOL_CALL,
  isToolAnswer,
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

const stopReasonOf = (kind: AnswerKind) => (isToolAnswer(kind) ? 'tool_use' : 'end_turn');

/** Every answer's blocks as whole content blocks; streaming opens each empty and fills it with deltas. */
interface Block {
  readonly whole: ContentBlock;
  readonly start: ContentBlock;
  readonly deltas: readonly Record<string, unknown>[];
}

function toolUse(
  id: string,
  call: { name: string; input: object; argumentChunks: readonly string[] },
): Block {
  return {
    whole: { type: 'tool_use', id, name: call.name, input: call.input },
    start: { type: 'tool_use', id, name: call.name, input: {} },
    deltas: call.argumentChunks.map((piece) => ({ type: 'input_json_delta', partial_json: piece })),
  };
}

function thinking(chunks: readonly string[], signature: string): Block {
  return {
    whole: { type: 'thinking', thinking: chunks.join(''), signature },
    start: { type: 'thinking', thinking: '', signature: '' },
    deltas: [
      ...chunks.map((piece) => ({ type: 'thinking_delta', thinking: piece })),
      { type: 'signature_delta', signature },
    ],
  };
}

/** Redacted thinking arrives whole in its block start, with no deltas. */
const REDACTED: Block = {
  whole: { type: 'redacted_thinking', data: FIXTURE_REDACTED_THINKING },
  start: { type: 'redacted_thinking', data: FIXTURE_REDACTED_THINKING },
  deltas: [],
};

const TEXT: Block = {
  whole: { type: 'text', text: FIXTURE_TEXT },
  start: { type: 'text', text: '' },
  deltas: FIXTURE_TEXT_CHUNKS.map((piece) => ({ type: 'text_delta', text: piece })),
};

/** Anthropic streams one block after the other (parallel tool_use blocks too), each addressed by its index. */
function blocksOf(kind: AnswerKind): Block[] {
  switch (kind) {
    case 'text':
      return [TEXT];
    case 'tool-call':
      return [toolUse(FIXTURE_IDS.anthropicToolUse, FIXTURE_TOOL_CALL)];
    case 'parallel-tool-calls':
      return FIXTURE_PARALLEL_TOOL_CALLS.map((call) => toolUse(call.toolUseId, call));
    case 'reasoning':
      return [thinking(FIXTURE_REASONING_CHUNKS, FIXTURE_THINKING_SIGNATURE), TEXT];
    case 'reasoning-blocks':
      return [
        ...FIXTURE_REASONING_BLOCKS.map((block) => thinking(block.chunks, block.signature)),
        REDACTED,
        TEXT,
      ];
  }
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

function blockFrames(block: Block, index: number): SseFrame[] {
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
  json: (kind, context) =>
    message(
      context,
      blocksOf(kind).map((block) => block.whole),
      stopReasonOf(kind),
      usage(kind),
    ),
  stream: (kind, context) => [
    jsonFrame(
      { type: 'message_start', message: message(context, [], null, usage(kind, 1)) },
      'message_start',
    ),
    ...blocksOf(kind).flatMap(blockFrames),
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
