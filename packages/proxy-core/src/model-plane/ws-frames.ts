import type { RawData } from 'ws';
import { errorBody, type ApiErrorSpec, type OpenAiErrorBody } from '../http/api-error.ts';

/** Close codes used by WebSocket mode (RFC 6455 numbering; see protocols.md §2 for SDK reconnect rules). */
export const CLOSE_CODES = {
  /** Lifetime reached or server shutting down: recoverable, the client reconnects with a fresh cache. */
  goingAway: 1001,
  /** An unexpected server fault: recoverable. */
  internalError: 1011,
} as const;

/** An error that keeps the connection open: `{type:"error", status, error}` like OpenAI's `ResponseWsError`. */
export function errorFrame(spec: ApiErrorSpec): {
  type: 'error';
  status: number;
  error: OpenAiErrorBody['error'];
} {
  const body = errorBody('openai', spec) as OpenAiErrorBody;
  return { type: 'error', status: spec.status, error: body.error };
}

export function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Close reasons are limited to 123 bytes by the protocol. */
export function closeReason(text: string): string {
  return Buffer.from(text, 'utf8').subarray(0, 123).toString('utf8');
}
