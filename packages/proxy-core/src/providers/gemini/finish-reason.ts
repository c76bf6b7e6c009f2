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
