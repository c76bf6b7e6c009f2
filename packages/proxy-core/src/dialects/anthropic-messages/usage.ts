import { anthropicFinishReason } from '../../providers/anthropic/finish-reason.ts';
import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { Usage } from '../../canonical/usage.ts';

/**
 * Anthropic counts cache reads and writes apart from `input_tokens`, so both are split out here. The rest of
 * the reference's usage fields are present and `null` where no provider reports them (cache writes by TTL,
 * server tools, where and at which tier inference ran); thinking tokens when the provider counted them.
 */
export function anthropicUsage(usage: Usage): Record<string, unknown> {
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  return {
    input_tokens: usage.inputTokens - cached - written,
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: written,
    cache_creation: null,
    output_tokens_details:
      usage.reasoningTokens === undefined ? null : { thinking_tokens: usage.reasoningTokens },
    server_tool_use: null,
    service_tier: null,
    inference_geo: null,
  };
}

const STOP_REASONS: Readonly<Record<FinishReason, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

/** Anthropic's own stop reasons a client may get as they came (issue 13: the raw upstream reason). */
const OWN_STOP_REASONS: ReadonlySet<string> = new Set([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
]);

/**
 * The `stop_reason` for a canonical finish: the upstream's own word when it is one of Anthropic's and says the
 * same (an Anthropic upstream's `stop_sequence` or `pause_turn` reaches the client as such), else the mapped one.
 */
export function anthropicStopReason(reason: FinishReason, rawReason?: string): string {
  if (
    rawReason !== undefined &&
    OWN_STOP_REASONS.has(rawReason) &&
    anthropicFinishReason(rawReason) === reason
  )
    return rawReason;
  return STOP_REASONS[reason];
}
