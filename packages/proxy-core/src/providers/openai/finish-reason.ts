import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { FinishPart } from '../../canonical/stream-part.ts';
import type { Usage } from '../../canonical/usage.ts';
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

/** Responses' own words for the end: `incomplete_details.reason` when incomplete, else the `status`. */
export function responsesRawReason(response: JsonObject): string | undefined {
  return asString(asObject(response['incomplete_details'])?.['reason']) ?? asString(response['status']);
}

/** The finish part of a terminal Responses object. */
export function responsesFinish(
  response: JsonObject,
  madeToolCalls: boolean,
  refused: boolean,
  usage: Usage,
): FinishPart {
  const rawReason = responsesRawReason(response);
  return {
    type: 'finish',
    reason: responsesFinishReason(response, madeToolCalls, refused),
    ...(rawReason === undefined ? {} : { rawReason }),
    usage,
  };
}
