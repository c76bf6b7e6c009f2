/**
 * The control plane's error responses. All are ApiErrors, so the shell renders them in the OpenAI shape
 * (`{"error":{"message","type","param","code"}}`) like every non-Anthropic route.
 */
import { catalogued } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';
import { StoreError } from '../store/errors.ts';
import type { UnsupportedCapability } from './capability.ts';

export const missingSessionId = (): ApiError =>
  new ApiError({
    ...catalogued('missing_session_id'),
    param: 'session_id',
    message: 'session_id query parameter is required, e.g. /status?session_id=cp_…',
  });

export const sessionNotFound = (sessionId: string): ApiError =>
  new ApiError({
    ...catalogued('session_not_found'),
    param: 'session_id',
    message: `session not found: ${sessionId}`,
  });

export const invalidPayload = (detail: string, param?: string): ApiError =>
  new ApiError({
    ...catalogued('invalid_message_payload'),
    message: `invalid message payload: ${detail}`,
    ...(param === undefined ? {} : { param }),
  });

export const unsupportedCapability = (rejection: UnsupportedCapability): ApiError =>
  new ApiError({ ...catalogued(rejection.code), param: 'capability', message: rejection.message });

export const resumeNeedsSessionId = (): ApiError =>
  new ApiError({
    ...catalogued('missing_session_id'),
    param: 'session_id',
    message:
      'capability "resume" without a message needs a session_id: it finishes an interrupted turn of that session',
  });

export const nothingToResume = (sessionId: string): ApiError =>
  new ApiError({
    ...catalogued('nothing_to_resume'),
    param: 'capability',
    message: `session ${sessionId} has no interrupted turn to resume; send a message instead`,
  });

export const resumeWithMessage = (sessionId: string, turnId: string): ApiError =>
  new ApiError({
    ...catalogued('turn_in_progress'),
    param: 'message',
    message: `session ${sessionId} has an interrupted turn ${turnId}: resume it first (capability "resume" without a message), then send the new message`,
  });

/** Store refusals become client errors with the store's own explanation; anything else propagates. */
export function fromStoreError(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  // One answer for an unknown session, whoever noticed it: the route's lookup or the store's transaction
  // (which also reports someone else's session this way).
  if (error.code === 'session_not_found' && error.sessionId !== undefined)
    return sessionNotFound(error.sessionId);
  return new ApiError({ ...catalogued(error.code), message: error.message });
}
