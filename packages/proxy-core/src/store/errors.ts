import type { ErrorCode } from '../errors/catalogue.ts';

/**
 * Typed store failures, so routes map them to statuses without parsing messages: each code is in the error
 * catalogue, which holds its status (session_not_found → 404, session_ended / turn_in_progress /
 * turn_not_running → 409, store_unavailable → 503).
 */
export type StoreErrorCode = Extract<
  ErrorCode,
  | 'session_not_found'
  | 'session_ended'
  | 'turn_in_progress'
  | 'turn_not_running'
  | 'schema_too_new'
  | 'store_unavailable'
>;

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  /** The session the failure is about, when there is one (routes answer it in their own shape). */
  readonly sessionId: string | undefined;

  constructor(code: StoreErrorCode, message: string, sessionId?: string) {
    super(message);
    this.code = code;
    this.sessionId = sessionId;
  }
}

export const sessionNotFound = (sessionId: string): StoreError =>
  new StoreError('session_not_found', `session ${sessionId} does not exist`, sessionId);

export const sessionEnded = (sessionId: string): StoreError =>
  new StoreError('session_ended', `session ${sessionId} has ended; start a new session to continue`);

export const turnInProgress = (sessionId: string, turnId: string): StoreError =>
  new StoreError(
    'turn_in_progress',
    `session ${sessionId} is still running turn ${turnId}; wait for it, or resume it if it was interrupted`,
  );

export const turnNotRunning = (turnId: string): StoreError =>
  new StoreError('turn_not_running', `turn ${turnId} is not running (unknown, done or failed)`);

/** A shared store (Redis) cannot be reached; nothing of the failed call was written. */
export const storeUnavailable = (cause: string): StoreError =>
  new StoreError(
    'store_unavailable',
    `the control-plane store is unreachable (${cause}); nothing was written, retry shortly`,
  );
