import type { FinishReason } from '../../canonical/finish-reason.ts';
import { asObject, asString, type JsonObject } from '../shared/json.ts';

/**
 * Responses has no finish reason: it is derived from `status` and `incomplete_details.reason`, plus
 * whether the output held function calls or a refusal.
 */
export function responsesFinishReason(
  response: JsonObject,
  madeToolCalls: boolean,
  refused: boolean,
): FinishReason {
  if (asString(response['status']) === 'incomplete') {
    const reason = asString(asObject(response['incomplete_details'])?.['reason']);
    return reason === 'content_filter' ? 'content_filter' : 'length';
  }
  if (refused) return 'content_filter';
  return madeToolCalls ? 'tool_calls' : 'stop';
}
