import { catalogued, type ErrorCode } from '../errors/catalogue.ts';
import { ApiError, type ApiErrorSpec } from '../http/api-error.ts';

/** Which deadline fired; each maps to a 504 with its own code so clients and logs can tell them apart. */
export type DeadlineKind = 'connect' | 'first_token' | 'idle' | 'total';

const DEADLINE_CODES: Readonly<Record<DeadlineKind, ErrorCode>> = {
  connect: 'upstream_connect_timeout',
  first_token: 'first_token_timeout',
  idle: 'stream_idle_timeout',
  total: 'deadline_exceeded',
};

export class DeadlineError extends ApiError {
  readonly kind: DeadlineKind;

  constructor(kind: DeadlineKind, timeoutMs: number) {
    const spec = catalogued(DEADLINE_CODES[kind]);
    super({ ...spec, message: `${spec.message} The limit is ${timeoutMs} ms.` });
    this.kind = kind;
  }
}

/** Abort reason when the client went away: nothing is written back, the upstream call just stops. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('client disconnected');
  }
}

/** Abort reason on graceful shutdown. */
export class ShutdownError extends ApiError {
  constructor() {
    super({
      ...catalogued('server_shutting_down'),
      retryAfterSeconds: 1,
    });
  }
}

export const TRUNCATED_SPEC: ApiErrorSpec = catalogued('stream_truncated');

/** Any thrown value as an error spec a dialect can render; unknown failures become a 502. */
export function toErrorSpec(error: unknown): ApiErrorSpec {
  if (error instanceof ApiError) return error.spec;
  if (error instanceof Error && 'toSpec' in error && typeof error.toSpec === 'function') {
    return (error as Error & { toSpec(): ApiErrorSpec }).toSpec();
  }
  return catalogued('upstream_error');
}
