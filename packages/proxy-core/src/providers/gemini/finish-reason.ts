import type { FinishReason } from '../../canonical/finish-reason.ts';

const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'LANGUAGE',
]);

/** Upper-case `finishReason` → canonical; Gemini says STOP after function calls too. */
export function geminiFinishReason(raw: string | undefined, madeToolCalls: boolean): FinishReason {
  if (raw === 'MAX_TOKENS') return 'length';
  if (raw !== undefined && FILTERED.has(raw)) return 'content_filter';
  return madeToolCalls ? 'tool_calls' : 'stop';
}

const GEMINI_FINISH_REASONS: Readonly<Record<FinishReason, string>> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  // Gemini itself says STOP after function calls (see above).
  tool_calls: 'STOP',
  content_filter: 'SAFETY',
};

/** Canonical → Gemini's `finishReason`, for the Gemini client dialect. */
export function geminiFinishReasonName(reason: FinishReason): string {
  return GEMINI_FINISH_REASONS[reason];
}
