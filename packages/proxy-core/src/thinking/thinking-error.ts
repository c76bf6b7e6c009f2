import { ApiError } from '../http/api-error.ts';

/** §6.3 rule 9: every thinking error is a 400 with one of these codes; messages carry no code prefix. */
export type ThinkingErrorCode =
  | 'INVALID_SUFFIX'
  | 'UNKNOWN_LEVEL'
  | 'THINKING_NOT_SUPPORTED'
  | 'LEVEL_NOT_SUPPORTED'
  | 'BUDGET_OUT_OF_RANGE'
  | 'PROVIDER_MISMATCH';

/** An ApiError (so the server renders it in the client's dialect) that also names the model at fault. */
export class ThinkingError extends ApiError {
  readonly thinkingCode: ThinkingErrorCode;
  readonly model: string | undefined;

  constructor(code: ThinkingErrorCode, message: string, model?: string) {
    super({ status: 400, code, message });
    this.thinkingCode = code;
    this.model = model;
  }
}
