import type { FinishReason } from '../../canonical/finish-reason.ts';

/** Anthropic `stop_reason` → canonical (protocols.md §4). */
export function anthropicFinishReason(raw: string | undefined): FinishReason {
  switch (raw) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
