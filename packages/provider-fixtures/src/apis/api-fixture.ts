import type { AnswerContext, AnswerKind } from '../content.ts';
import type { SseFrame } from '../sse.ts';

/** What each upstream API module provides; `respond` composes scenarios out of these. */
export interface ApiFixture {
  /** The non-streamed JSON body of a successful answer. */
  readonly json: (kind: AnswerKind, context: AnswerContext) => unknown;
  /** The complete event sequence of a streamed answer, terminal event included. */
  readonly stream: (kind: AnswerKind, context: AnswerContext) => readonly SseFrame[];
  /** The error event this API sends inside an already-200 stream, after `sentFrames`. */
  readonly streamError: (context: AnswerContext, sentFrames: readonly SseFrame[]) => SseFrame;
  /** Failure scenarios cut a text stream right after its first content delta. */
  readonly isContentDelta: (frame: SseFrame) => boolean;
  readonly frameLineEnd: '\n' | '\r\n';
}
