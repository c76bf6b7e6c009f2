import { ApiError, type ApiErrorSpec } from '../http/api-error.ts';

/** Which deadline fired; each maps to a 504 with its own code so clients and logs can tell them apart. */
export type DeadlineKind = 'connect' | 'first_token' | 'idle' | 'total';

const DEADLINE_SPECS: Readonly<Record<DeadlineKind, { code: string; what: string }>> = {
  connect: {
    code: 'upstream_connect_timeout',
    what: 'The connection to the provider could not be made in time',
  },
  first_token: { code: 'first_token_timeout', what: 'The provider produced no token' },
  idle: {
    code: 'stream_idle_timeout',
    what: 'The provider stream went silent for longer than the idle timeout',
  },
  total: { code: 'deadline_exceeded', what: 'The request exceeded its total deadline' },
};

export class DeadlineError extends ApiError {
  readonly kind: DeadlineKind;

  constructor(kind: DeadlineKind, timeoutMs: number) {
    const { code, what } = DEADLINE_SPECS[kind];
    super({ status: 504, code, message: `${what} (limit ${timeoutMs} ms).` });
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
      status: 503,
      code: 'server_shutting_down',
      message: 'The server is shutting down; retry.',
      retryAfterSeconds: 1,
    });
  }
}

export const TRUNCATED_SPEC: ApiErrorSpec = {
  status: 502,
  code: 'stream_truncated',
  message: 'The provider stream ended before its terminal event; the answer is incomplete.',
};

/** Any thrown value as an error spec a dialect can render; unknown failures become a 502. */
export function toErrorSpec(error: unknown): ApiErrorSpec {
  if (error instanceof ApiError) return error.spec;
  if (error instanceof Error && 'toSpec' in error && typeof error.toSpec === 'function') {
    return (error as Error & { toSpec(): ApiErrorSpec }).toSpec();
  }
  return { status: 502, code: 'upstream_error', message: 'The provider failed.' };
}
