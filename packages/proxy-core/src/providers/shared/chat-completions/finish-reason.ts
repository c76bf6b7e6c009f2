import type { FinishReason } from '../../../canonical/finish-reason.ts';

/**
 * Chat `finish_reason` → canonical. Some compatible upstreams say `stop` after tool calls, so a call
 * that made tool calls ends in `tool_calls` unless it was cut short (length, filter).
 */
export function chatFinishReason(raw: string | undefined, madeToolCalls: boolean): FinishReason {
  if (raw === 'length') return 'length';
  if (raw === 'content_filter') return 'content_filter';
  if (madeToolCalls || raw === 'tool_calls' || raw === 'function_call') return 'tool_calls';
  return 'stop';
}
