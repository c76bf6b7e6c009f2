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
  isToolAnswer,
  usageFor,
  type AnswerContext,
  type AnswerKind,
} from '../content.ts';
import { streamsReasoningContent } from '../providers.ts';
import { jsonFrame, type SseFrame } from '../sse.ts';
import type { ApiFixture } from './api-fixture.ts';

// Chat Completions (protocols.md §3), also spoken by kimi, qwen and deepseek: `data:` frames only,
// terminated by `data: [DONE]`; usage arrives as an extra `choices: []` chunk only when
// `stream_options.include_usage` was requested.

type FinishReason = 'stop' | 'tool_calls';

function usage(kind: AnswerKind, context: AnswerContext): Record<string, unknown> {
  const counts = usageFor(kind);
  return {
    prompt_tokens: counts.inputTokens,
    completion_tokens: counts.outputTokens,
    total_tokens: counts.inputTokens + counts.outputTokens,
    prompt_tokens_details: { cached_tokens: counts.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: counts.reasoningTokens },
    // DeepSeek reports its context cache as hit/miss counts next to the OpenAI fields.
    ...(context.provider === 'deepseek'
      ? {
          prompt_cache_hit_tokens: counts.cachedInputTokens,
          prompt_cache_miss_tokens: counts.inputTokens - counts.cachedInputTokens,
        }
      : {}),
  };
}

const finishReasonOf = (kind: AnswerKind): FinishReason => (isToolAnswer(kind) ? 'tool_calls' : 'stop');

/** The calls of a tool answer: id, name, whole arguments. */
function toolCalls(kind: AnswerKind): { id: string; name: string; arguments: string }[] {
  if (kind === 'parallel-tool-calls') {
    return FIXTURE_PARALLEL_TOOL_CALLS.map((call) => ({ ...call, id: call.callId }));
  }
  return [{ id: FIXTURE_IDS.toolCall, ...FIXTURE_TOOL_CALL }];
}

/** Chat has no reasoning blocks: the compatible family streams every block's text as one `reasoning_content`. */
function reasoningChunks(kind: AnswerKind, context: AnswerContext): readonly string[] {
  if (!streamsReasoningContent(context.provider)) return [];
  if (kind === 'reasoning') return FIXTURE_REASONING_CHUNKS;
  if (kind === 'reasoning-blocks') return FIXTURE_REASONING_BLOCKS.flatMap((block) => block.chunks);
  return [];
}

function completeMessage(kind: AnswerKind, context: AnswerContext): Record<string, unknown> {
  if (isToolAnswer(kind)) {
    return {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: toolCalls(kind).map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  const reasoningText = reasoningChunks(kind, context).join('');
  const reasoning = reasoningText === '' ? {} : { reasoning_content: reasoningText };
  return { role: 'assistant', content: FIXTURE_TEXT, refusal: null, ...reasoning };
}

/** With include_usage, OpenAI sends `usage: null` on every chunk before the usage chunk. */
function chunk(context: AnswerContext, choices: readonly unknown[], usageBody: unknown = null): SseFrame {
  return jsonFrame({
    id: FIXTURE_IDS.chatCompletion,
    object: 'chat.completion.chunk',
    created: FIXTURE_CREATED_AT,
    model: context.model,
    choices,
    ...(context.includeStreamUsage ? { usage: usageBody } : {}),
  });
}

function hasContentDelta(frame: SseFrame): boolean {
  if (frame.data === '[DONE]') return false;
  const parsed = JSON.parse(frame.data) as { choices?: { delta?: { content?: unknown } }[] };
  const content = parsed.choices?.[0]?.delta?.content;
  return typeof content === 'string' && content !== '';
}

const choiceDelta = (delta: Record<string, unknown>, finishReason: FinishReason | null = null) => ({
  index: 0,
  delta,
  logprobs: null,
  finish_reason: finishReason,
});

/** A call's first fragment comes with its id and name, later ones with its index only. */
function toolCallDelta(index: number, piece: string): Record<string, unknown> {
  const call = FIXTURE_PARALLEL_TOOL_CALLS[index === 0 ? 0 : 1];
  const opening = call.argumentChunks[0] === piece;
  return {
    tool_calls: [
      opening
        ? { index, id: call.callId, type: 'function', function: { name: call.name, arguments: piece } }
        : { index, function: { arguments: piece } },
    ],
  };
}

function deltas(kind: AnswerKind, context: AnswerContext): Record<string, unknown>[] {
  if (kind === 'parallel-tool-calls') {
    return FIXTURE_INTERLEAVING.map(([call, piece]) =>
      toolCallDelta(call, FIXTURE_PARALLEL_TOOL_CALLS[call].argumentChunks[piece] ?? ''),
    );
  }
  if (kind === 'tool-call') {
    const [firstPiece, ...morePieces] = FIXTURE_TOOL_CALL.argumentChunks;
    return [
      {
        tool_calls: [
          {
            index: 0,
            id: FIXTURE_IDS.toolCall,
            type: 'function',
            function: { name: FIXTURE_TOOL_CALL.name, arguments: firstPiece },
          },
        ],
      },
      ...morePieces.map((piece) => ({ tool_calls: [{ index: 0, function: { arguments: piece } }] })),
    ];
  }
  const reasoning = reasoningChunks(kind, context).map((piece) => ({ reasoning_content: piece }));
  return [...reasoning, ...FIXTURE_TEXT_CHUNKS.map((piece) => ({ content: piece }))];
}

export const openAiChatFixture: ApiFixture = {
  json: (kind, context) => ({
    id: FIXTURE_IDS.chatCompletion,
    object: 'chat.completion',
    created: FIXTURE_CREATED_AT,
    model: context.model,
    choices: [
      {
        index: 0,
        message: completeMessage(kind, context),
        logprobs: null,
        finish_reason: finishReasonOf(kind),
      },
    ],
    usage: usage(kind, context),
  }),
  stream: (kind, context) => [
    chunk(context, [choiceDelta({ role: 'assistant', content: isToolAnswer(kind) ? null : '' })]),
    ...deltas(kind, context).map((delta) => chunk(context, [choiceDelta(delta)])),
    chunk(context, [choiceDelta({}, finishReasonOf(kind))]),
    ...(context.includeStreamUsage ? [chunk(context, [], usage(kind, context))] : []),
    { data: '[DONE]' },
  ],
  // OpenAI's SDK turns a `data:` object carrying `error` into an APIError; the stream then ends without [DONE].
  streamError: () =>
    jsonFrame({
      error: {
        message: 'The server had an error while processing your request.',
        type: 'server_error',
        param: null,
        code: 'server_error',
      },
    }),
  isContentDelta: hasContentDelta,
  frameLineEnd: '\n',
};
