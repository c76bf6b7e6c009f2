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

const finishReasonOf = (kind: AnswerKind): FinishReason => (kind === 'tool-call' ? 'tool_calls' : 'stop');

function completeMessage(kind: AnswerKind, context: AnswerContext): Record<string, unknown> {
  if (kind === 'tool-call') {
    return {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [
        {
          id: FIXTURE_IDS.toolCall,
          type: 'function',
          function: { name: FIXTURE_TOOL_CALL.name, arguments: FIXTURE_TOOL_CALL.arguments },
        },
      ],
    };
  }
  const reasoning =
    kind === 'reasoning' && streamsReasoningContent(context.provider)
      ? { reasoning_content: FIXTURE_REASONING }
      : {};
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

function deltas(kind: AnswerKind, context: AnswerContext): Record<string, unknown>[] {
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
  const reasoning =
    kind === 'reasoning' && streamsReasoningContent(context.provider)
      ? FIXTURE_REASONING_CHUNKS.map((piece) => ({ reasoning_content: piece }))
      : [];
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
    chunk(context, [choiceDelta({ role: 'assistant', content: kind === 'tool-call' ? null : '' })]),
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
