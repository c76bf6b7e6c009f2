import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { Usage } from '../../canonical/usage.ts';

/** Anthropic counts cache reads and writes apart from `input_tokens`, so both are split out here. */
export function anthropicUsage(usage: Usage): Record<string, number> {
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  return {
    input_tokens: usage.inputTokens - cached - written,
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: written,
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
