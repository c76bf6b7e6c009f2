import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { Usage } from '../../canonical/usage.ts';

/** Anthropic counts cached prompt tokens apart from `input_tokens`, so they are split out here. */
export function anthropicUsage(usage: Usage): Record<string, number> {
  const cached = usage.cachedInputTokens ?? 0;
  return {
    input_tokens: usage.inputTokens - cached,
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  };
}

const STOP_REASONS: Readonly<Record<FinishReason, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

export function anthropicStopReason(reason: FinishReason): string {
  return STOP_REASONS[reason];
}
