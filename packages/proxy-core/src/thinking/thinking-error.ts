import { catalogued, type ErrorCodeIn } from '../errors/catalogue.ts';
import { ApiError } from '../http/api-error.ts';

/**
 * §6.3 rule 9: every thinking error is a 400 with one of the catalogue's thinking codes (`invalid_suffix`,
 * `unknown_level`, `thinking_not_supported`, `level_not_supported`, `budget_out_of_range`,
 * `provider_mismatch`); messages carry no code prefix.
 */
export type ThinkingErrorCode = ErrorCodeIn<'thinking'>;

/** An ApiError (so the server renders it in the client's dialect) that also names the model at fault. */
export class ThinkingError extends ApiError {
  readonly thinkingCode: ThinkingErrorCode;
  readonly model: string | undefined;

  constructor(code: ThinkingErrorCode, message: string, model?: string) {
    super({ ...catalogued(code), message });
    this.thinkingCode = code;
    this.model = model;
  }
}
