import type { FinishReason } from '../../../canonical/finish-reason.ts';
import { catalogued } from '../../../errors/catalogue.ts';
import type { ApiErrorSpec } from '../../../http/api-error.ts';

/**
 * Finish reasons that say the answer was cut by the provider, not finished: DeepSeek's `insufficient_system_resource`
 * ("interrupted due to insufficient resource of the inference system"). Mapped to `stop`, the client would take a
 * truncated answer for a complete one; as a 503 it is retried or failed over before any byte reached the client, and
 * a clean error in the client's dialect after (never a truncated success).
 */
const INCOMPLETE_FINISH_REASONS: ReadonlySet<string> = new Set(['insufficient_system_resource']);

/** The error a cut-short finish stands for, or undefined for a real finish. */
export function incompleteFinish(provider: string, raw: string | undefined): ApiErrorSpec | undefined {
  if (raw === undefined || !INCOMPLETE_FINISH_REASONS.has(raw)) return undefined;
  return {
    ...catalogued('upstream_incomplete'),
    message: `The ${provider} upstream stopped the answer before it was complete (finish_reason ${raw}); retry.`,
  };
}

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
