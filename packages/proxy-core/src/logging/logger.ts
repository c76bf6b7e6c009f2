/**
 * The server's pino logger. Request logs carry method, url (query secrets censored), principal-free
 * metadata and status; credential headers are never serialised, and every line passes the egress scrub.
 */
import type { IncomingMessage } from 'node:http';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { CENSOR, redactQuery, type SecretScrubber } from '../secrets/secret-scrubber.ts';
import { REDACT_PATHS } from './redact.ts';

export interface LoggerOptions {
  readonly level: LevelWithSilent;
  /** The server's egress scrub: every finished line passes it. */
  readonly scrubber: SecretScrubber;
  /** Defaults to stdout; tests pass a stream to capture lines. */
  readonly destination?: DestinationStream | undefined;
}

interface RequestLike {
  readonly method?: string;
  readonly url?: string;
  readonly id?: string;
  readonly ip?: string;
  readonly headers?: IncomingMessage['headers'];
}

/** The fields of a request worth logging: no headers, so no credential can ride along. */
export function serializeRequest(request: RequestLike): Record<string, unknown> {
  return {
    id: request.id,
    method: request.method,
    url: request.url === undefined ? undefined : redactQuery(request.url),
    remoteAddress: request.ip,
    userAgent: request.headers?.['user-agent'],
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const { scrubber } = options;
  return pino(
    {
      level: options.level,
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      serializers: { req: serializeRequest },
      hooks: { streamWrite: (line) => scrubber.scrub(line) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
