import {
  FIXTURE_GEMINI_THOUGHT_SIGNATURE,
  FIXTURE_IDS,
  FIXTURE_PARALLEL_TOOL_CALLS,
  FIXTURE_REASONING,
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

// Gemini generateContent / streamGenerateContent?alt=sse (protocols.md §5): every SSE frame is a whole
// GenerateContentResponse, no [DONE]; the last chunk carries finishReason and the final usage. Usage
// repeats on every chunk and is cumulative, so a proxy that keeps the first one under-reports.
// Function calls arrive whole: Gemini does not stream arguments.

type Part = Record<string, unknown>;

interface Usage {
  readonly promptTokenCount: number;
  readonly cachedContentTokenCount: number;
  readonly candidatesTokenCount: number;
  readonly thoughtsTokenCount?: number;
  readonly totalTokenCount: number;
}

/** Gemini counts thoughts apart from candidates; the total includes both. */
function finalUsage(kind: AnswerKind): Usage {
  const counts = usageFor(kind);
  return {
    promptTokenCount: counts.inputTokens,
    cachedContentTokenCount: counts.cachedInputTokens,
    candidatesTokenCount: counts.outputTokens - counts.reasoningTokens,
    ...(counts.reasoningTokens > 0 ? { thoughtsTokenCount: counts.reasoningTokens } : {}),
    totalTokenCount: counts.inputTokens + counts.outputTokens,
  };
}

function partialUsage(kind: AnswerKind, emittedChunks: number): Usage {
  const counts = usageFor(kind);
  return {
    promptTokenCount: counts.inputTokens,
    cachedContentTokenCount: counts.cachedInputTokens,
    candidatesTokenCount: emittedChunks,
    totalTokenCount: counts.inputTokens + emittedChunks,
  };
}

const functionCallPart = (call: { name: string; input: object }): Part => ({
  functionCall: { name: call.name, args: call.input },
});

/** Thought summaries: whole per block when not streamed, in pieces when streamed. */
function thoughtTexts(kind: AnswerKind, streamed: boolean): readonly string[] {
  if (kind === 'reasoning') return streamed ? FIXTURE_REASONING_CHUNKS : [FIXTURE_REASONING];
  if (kind === 'reasoning-blocks') {
    return FIXTURE_REASONING_BLOCKS.flatMap((block) => (streamed ? block.chunks : [block.text]));
  }
  return [];
}

/** The parts of each chunk (one chunk when not streamed). Parallel calls come whole, as parts of one chunk. */
function answerParts(kind: AnswerKind, streamed: boolean): Part[][] {
  if (kind === 'tool-call') return [[functionCallPart(FIXTURE_TOOL_CALL)]];
  if (kind === 'parallel-tool-calls') return [FIXTURE_PARALLEL_TOOL_CALLS.map(functionCallPart)];
  const thoughts = thoughtTexts(kind, streamed).map((text) => [{ text, thought: true }]);
  const texts: Part[][] = (streamed ? FIXTURE_TEXT_CHUNKS : [FIXTURE_TEXT]).map((text) => [{ text }]);
  // Gemini 3 signs an answer that thought on its last part when there is no function call to sign.
  const last = texts.at(-1)?.[0];
  if (kind === 'reasoning-blocks' && last !== undefined)
    last['thoughtSignature'] = FIXTURE_GEMINI_THOUGHT_SIGNATURE;
  return [...thoughts, ...texts];
}

function generateContentResponse(
  context: AnswerContext,
  parts: readonly Part[],
  finishReason: 'STOP' | undefined,
  usage: Usage,
): Record<string, unknown> {
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        ...(finishReason === undefined ? {} : { finishReason }),
        index: 0,
      },
    ],
    usageMetadata: usage,
    modelVersion: context.model,
    responseId: FIXTURE_IDS.geminiResponse,
  };
}

function firstPartOf(frame: SseFrame): Part | undefined {
  const parsed = JSON.parse(frame.data) as { candidates?: { content?: { parts?: Part[] } }[] };
  return parsed.candidates?.[0]?.content?.parts?.[0];
}

export const geminiFixture: ApiFixture = {
  json: (kind, context) =>
    generateContentResponse(context, answerParts(kind, false).flat(), 'STOP', finalUsage(kind)),
  stream: (kind, context) => {
    const chunks = answerParts(kind, true);
    return chunks.map((parts, index) => {
      const isLast = index === chunks.length - 1;
      return jsonFrame(
        generateContentResponse(
          context,
          parts,
          isLast ? 'STOP' : undefined,
          isLast ? finalUsage(kind) : partialUsage(kind, index + 1),
        ),
      );
    });
  },
  streamError: () =>
    jsonFrame({
      error: {
        code: 503,
        message: 'The model is overloaded. Please try again later.',
        status: 'UNAVAILABLE',
      },
    }),
  isContentDelta: (frame) => {
    const part = firstPartOf(frame);
    return typeof part?.['text'] === 'string' && part['thought'] !== true;
  },
  frameLineEnd: '\r\n',
};
